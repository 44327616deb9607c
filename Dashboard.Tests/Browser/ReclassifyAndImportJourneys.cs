using Dashboard.Core.Bounces;
using Dashboard.Core.Data;
using Dashboard.Core.Messages;
using Dashboard.Core.Suppressions;
using Dashboard.Core.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Dashboard.Tests.Browser;

/// <summary>Issue 13's admin tabs on the Suppressions page in a real browser: re-classification and CSV import.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ReclassifyAndImportJourneys(BrowserFixture browser)
{
    private SuppressionService Suppressions => browser.Services.GetRequiredService<SuppressionService>();

    [Fact]
    public async Task AdminComparesHistoryWithTodaysRulesAndAppliesIt()
    {
        var recipient = $"gone-{Guid.NewGuid().ToString("N")[..8]}@example.org";
        var publicId = await StoredFilteredReportAsync(recipient);
        await using var session = await browser.NewSessionAsync();

        await session.SignInAsAsync(Roles.Admin, "/suppressions");
        await session.Page.GetByRole(AriaRole.Tab, new() { Name = "Re-classify" }).ClickAsync();
        await session.Page.Locator("#reclassify-diff").ClickAsync();
        await Expect(session.Page.GetByTestId("reclassify-counts")).ToContainTextAsync("filtered (soft)");
        await Expect(session.Page.GetByTestId("reclassify-changes")).ToContainTextAsync(recipient);
        Assert.False(await Suppressions.IsSuppressedAsync(recipient));
        await session.ScreenshotAsync("suppressions-reclassify-diff");
        await session.Page.Locator("#reclassify-apply").ClickAsync();

        await Expect(session.Page.GetByTestId("reclassify-summary")).ToContainTextAsync("applied");
        await session.ScreenshotAsync("suppressions-reclassify-applied");
        Assert.Equal(SuppressionReason.HardBounce, (await Suppressions.FindActiveAsync(recipient))!.Reason);
        await using var db = await browser.Services.GetRequiredService<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync();
        var message = await db.Messages.Include(m => m.Events).SingleAsync(m => m.PublicId == publicId);
        Assert.Equal(MessageStatus.HardBounced, message.Status);
        Assert.Contains(message.Events, e => e.Detail != null && e.Detail.StartsWith("Re-classified: filtered (soft) → userunknown (hard)"));
        await session.GoToAsync($"activity/{publicId}");
        await Expect(session.Page.Locator("[data-testid=timeline-event]").Filter(new() { HasText = "Re-classified" })).ToBeVisibleAsync();
        session.AssertNoConsoleErrors();
    }

    [Fact]
    public async Task AdminPreviewsAndImportsACsvThenReimportsItWithoutChange()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var file = Path.Combine(Path.GetTempPath(), $"suppressions-{tag}.csv");
        var again = Path.Combine(Path.GetTempPath(), $"suppressions-{tag}-again.csv");
        await File.WriteAllTextAsync(file, $"value,reason,note\nnew-{tag}@example.org,unsubscribe,asked by phone\nnot an address,,\nnew-{tag}@example.org,unsubscribe,\n@{tag}.example,,\n");
        try
        {
            await using var session = await browser.NewSessionAsync();

            await session.SignInAsAsync(Roles.Admin, "/suppressions");
            await session.Page.GetByRole(AriaRole.Tab, new() { Name = "Import" }).ClickAsync();
            await Expect(session.Page.GetByText("Choose CSV file")).ToBeVisibleAsync();
            await session.Page.Locator("#import-file").SetInputFilesAsync(file);
            await Expect(session.Page.GetByTestId("import-summary")).ToContainTextAsync("Preview: 2 to add, 0 already suppressed, 1 duplicate, 1 invalid (4 lines)");
            await Expect(session.Page.GetByTestId("import-lines")).ToContainTextAsync("neither an email address nor a domain");
            Assert.False(await Suppressions.IsSuppressedAsync($"new-{tag}@example.org"));
            await session.ScreenshotAsync("suppressions-import-preview");
            await session.Page.Locator("#import-apply").ClickAsync();

            await Expect(session.Page.GetByTestId("import-summary")).ToContainTextAsync("Imported: 2 to add");
            await session.ScreenshotAsync("suppressions-import-done");
            Assert.Equal(SuppressionReason.Unsubscribe, (await Suppressions.FindActiveAsync($"new-{tag}@example.org"))!.Reason);
            Assert.True(await Suppressions.IsSuppressedAsync($"anyone@{tag}.example"));

            // The same lines again, as a new file (a browser fires no change for the same file twice).
            File.Copy(file, again, overwrite: true);
            await session.Page.Locator("#import-file").SetInputFilesAsync(again);
            await Expect(session.Page.GetByTestId("import-summary")).ToContainTextAsync("Preview: 0 to add, 2 already suppressed");
            await Expect(session.Page.Locator("#import-apply")).ToHaveCountAsync(0);
            session.AssertNoConsoleErrors();
        }
        finally
        {
            File.Delete(file);
            File.Delete(again);
        }
    }

    [Fact]
    public async Task TheNewTabsReadWellOnAPhoneInDarkModeForAMarketer()
    {
        await using var session = await browser.NewSessionAsync();
        await session.Page.SetViewportSizeAsync(390, 844);

        await session.SignInAsAsync(Roles.Marketer, "/suppressions");
        await session.Page.GetByRole(AriaRole.Button, new() { Name = "Toggle dark mode" }).ClickAsync();
        await session.Page.GetByRole(AriaRole.Tab, new() { Name = "Watch list" }).ClickAsync();
        await Expect(session.Page.GetByTestId("watch-table")).ToBeVisibleAsync();
        await session.ScreenshotAsync("suppressions-watch-390-dark");
        await session.Page.GetByRole(AriaRole.Tab, new() { Name = "Import" }).ClickAsync();
        await session.ScreenshotAsync("suppressions-import-390-dark");
        await session.Page.GetByRole(AriaRole.Tab, new() { Name = "Re-classify" }).ClickAsync();
        await session.Page.Locator("#reclassify-diff").ClickAsync();
        await Expect(session.Page.GetByTestId("reclassify-summary")).ToBeVisibleAsync();
        await session.ScreenshotAsync("suppressions-reclassify-390-dark");
        session.AssertNoConsoleErrors();
    }

    // A bounce report stored by yesterday's rules: "user unknown" with no sign of the SMTP step, read as filtered.
    private async Task<string> StoredFilteredReportAsync(string recipient)
    {
        var ledger = browser.Services.GetRequiredService<MessageLedger>();
        var publicId = Guid.NewGuid().ToString("N");
        var now = DateTimeOffset.UtcNow;
        await ledger.WriteAsync(tx =>
        {
            var message = new Message
            {
                PublicId = publicId, SubmissionId = publicId, Sender = "news@shop.example", Recipient = recipient,
                RecipientDomain = SuppressionValue.DomainOf(recipient), Subject = "Weekly news", CreatedAt = now,
            };
            message.Queue("system", "Submitted", now);
            message.StartSending("smarthost", now);
            tx.Db.Messages.Add(message);
            return Task.CompletedTask;
        }, CancellationToken.None);
        await ledger.WriteAsync(async tx =>
        {
            var message = await tx.Db.Messages.SingleAsync(m => m.PublicId == publicId);
            var report = new BounceReport(BounceKind.Bounce, recipient, "failed", "5.0.0", 550, $"550 Unknown user <{recipient}>", null,
                "filtered", false, "dead-address-after-data", "advice", OriginalMessage.None);
            await tx.RecordReportAsync(message, report, $"Asynchronous report from <> about {recipient}", now);
        }, CancellationToken.None);
        return publicId;
    }
}
