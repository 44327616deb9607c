using Dashboard.Tests.Support;
using Dashboard.Core.Classification;
using Dashboard.Core.Data;
using Dashboard.Core.Messages;
using Dashboard.Core.Suppressions;
using Dashboard.Core.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Dashboard.Tests.Browser;

/// <summary>The Suppressions page in a real browser, as admin and as marketer.</summary>
[Collection(BrowserCollection.Name)]
public sealed class SuppressionJourneys(BrowserFixture browser)
{
    private SuppressionService Suppressions => browser.Services.GetRequiredService<SuppressionService>();

    private SuppressionRules Rules => browser.Services.GetRequiredService<SuppressionRules>();

    [Fact]
    public async Task AdminUnblocksAnAddressWithAReason()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var gone = $"gone-{tag}@example.com";
        await HardBounceAsync(gone);
        await Suppressions.AddAsync(new AddSuppressionRequest($"angry-{tag}@example.com", SuppressionReason.SpamComplaint, "FBL report"), Actor.System);
        await using var session = await browser.NewSessionAsync();

        await session.SignInAsAsync(Roles.Admin);
        await session.GoToAsync("suppressions");
        await Expect(session.Page.Locator($"td[data-value='{gone}']")).ToBeVisibleAsync();
        await session.ScreenshotAsync("suppressions-admin");
        await session.Page.Locator(".search input").FillAsync(gone);
        await session.Page.WaitForURLAsync(url => url.Contains("value="));
        await Expect(session.Page.Locator("[data-testid=suppressions-table] td[data-value]")).ToHaveCountAsync(1);
        await session.ClickUntilAsync(session.Page.GetByRole(AriaRole.Button, new() { Name = $"Unblock {gone}" }), session.Page.Locator(".unblock-reason textarea"));
        await session.Page.Locator(".unblock-reason textarea").FillAsync("Fixed the typo in the CRM");
        await session.ScreenshotAsync("suppressions-unblock-dialog");
        await session.Page.Locator("button.confirm-unblock").ClickAsync();

        await Expect(session.Page.GetByText($"Unblocked {gone}.")).ToBeVisibleAsync();
        await Expect(session.Page.Locator($"td[data-value='{gone}']")).ToHaveCountAsync(0);
        Assert.False(await Suppressions.IsSuppressedAsync(gone));
        var removal = (await Suppressions.HistoryAsync(gone)).Items[0];
        Assert.Equal(SuppressionHistoryAction.Removed, removal.Action);
        Assert.Equal(BrowserFixture.UserFor(Roles.Admin).Email, removal.Actor);
        Assert.Equal("Fixed the typo in the CRM", removal.Note);
        await session.Page.GetByRole(AriaRole.Tab, new() { Name = "History" }).ClickAsync();
        await Expect(session.Page.GetByTestId("history-table")).ToContainTextAsync("Fixed the typo in the CRM");
        await session.ScreenshotAsync("suppressions-history");
        session.AssertNoConsoleErrors();
    }

    [Fact]
    public async Task UnblockingAComplaintShowsTheHardWarning()
    {
        var angry = $"angry-{Guid.NewGuid().ToString("N")[..8]}@example.com";
        await Suppressions.AddAsync(new AddSuppressionRequest(angry, SuppressionReason.SpamComplaint, "FBL report"), Actor.System);
        await using var session = await browser.NewSessionAsync();

        await session.SignInAsAsync(Roles.Admin);
        await session.GoToAsync($"suppressions?value={Uri.EscapeDataString(angry)}");
        await session.ClickUntilAsync(session.Page.GetByRole(AriaRole.Button, new() { Name = $"Unblock {angry}" }), session.Page.GetByTestId("override-warning"));
        await Expect(session.Page.GetByTestId("override-warning")).ToContainTextAsync("reported your mail as spam");
        await session.ScreenshotAsync("suppressions-override-warning");

        await Expect(session.Page.Locator("button.confirm-unblock")).ToBeDisabledAsync();
        Assert.True(await Suppressions.IsSuppressedAsync(angry));
        session.AssertNoConsoleErrors();
    }

    [Fact]
    public async Task AdminSuppressesAWholeDomainAfterFixingAWrongValue()
    {
        var domain = $"competitor-{Guid.NewGuid().ToString("N")[..8]}.example";
        await using var session = await browser.NewSessionAsync();

        await session.SignInAsAsync(Roles.Admin, "/suppressions");
        await session.Page.GetByRole(AriaRole.Button, new() { Name = "Add suppression" }).ClickAsync();
        await session.Page.Locator(".add-value input").FillAsync("not an address");
        await session.Page.Locator("button.confirm-add").ClickAsync();
        await Expect(session.Page.Locator(".add-value")).ToContainTextAsync("is neither an email address nor a domain");
        await session.ScreenshotAsync("suppressions-add-dialog-error");
        await session.Page.Locator(".add-value input").FillAsync("@" + domain);
        await session.Page.Locator(".add-note textarea").FillAsync("no mail to competitors");
        await session.Page.Locator("button.confirm-add").ClickAsync();

        await Expect(session.Page.Locator($"td[data-value='{domain}']")).ToContainTextAsync("whole domain");
        Assert.True(await Suppressions.IsSuppressedAsync($"anyone@{domain}"));
        session.AssertNoConsoleErrors();
    }

    [Fact]
    public async Task ASuppressionMadeWhileTheAdminReadsTheListArrivesAsAChip()
    {
        var gone = $"gone-{Guid.NewGuid().ToString("N")[..8]}@example.com";
        await using var session = await browser.NewSessionAsync();
        await session.SignInAsAsync(Roles.Admin, "/suppressions");
        await Expect(session.Page.GetByTestId("suppressions-table")).ToBeVisibleAsync();
        await session.WaitForCircuitAsync();
        var chip = session.Page.Locator("#suppressions-changed");
        // The table loads its rows once the circuit is up; a suppression made while that first load
        // runs is in it already. So first let one change arrive and be shown: after that reload the
        // list stands still until asked.
        var first = $"first-{Guid.NewGuid().ToString("N")[..8]}@example.com";
        await HardBounceAsync(first);
        await Expect(chip).ToContainTextAsync("1 change — show");
        await chip.ClickAsync();
        await Expect(session.Page.Locator($"td[data-value='{first}']")).ToBeVisibleAsync();
        await Expect(chip).ToHaveCountAsync(0);

        await HardBounceAsync(gone);

        await Expect(chip).ToContainTextAsync("1 change — show");
        await Expect(session.Page.Locator($"td[data-value='{gone}']")).ToHaveCountAsync(0);
        await session.ScreenshotAsync("suppressions-live-chip");
        await chip.ClickAsync();
        await Expect(session.Page.Locator($"td[data-value='{gone}']")).ToBeVisibleAsync();
        await Expect(chip).ToHaveCountAsync(0);
        session.AssertNoConsoleErrors();
    }

    [Fact]
    public async Task MarketerBrowsesTheListButCannotChangeIt()
    {
        var gone = $"gone-{Guid.NewGuid().ToString("N")[..8]}@example.com";
        await HardBounceAsync(gone);
        await using var session = await browser.NewSessionAsync();

        // Straight to the page: leaving the Overview while its charts render crashes the circuit (ApexChart
        // interop, not this page; reported).
        await session.SignInAsAsync(Roles.Marketer, "/suppressions");
        await Expect(session.Page.GetByRole(AriaRole.Link, new() { Name = "Suppressions" })).ToBeVisibleAsync();
        await Expect(session.Page.Locator($"td[data-value='{gone}']")).ToBeVisibleAsync();
        await session.ScreenshotAsync("suppressions-marketer");

        await Expect(session.Page.GetByRole(AriaRole.Button, new() { Name = $"Unblock {gone}" })).ToBeDisabledAsync();
        await Expect(session.Page.GetByRole(AriaRole.Button, new() { Name = "Add suppression" })).ToBeDisabledAsync();
        await session.Page.Locator(".mud-tooltip-root", new() { Has = session.Page.GetByRole(AriaRole.Button, new() { Name = $"Unblock {gone}" }) }).HoverAsync();
        await Expect(session.Page.GetByText("Only admins can unblock addresses.")).ToBeVisibleAsync();
        await session.ScreenshotAsync("suppressions-marketer-tooltip");
        await session.Page.GetByRole(AriaRole.Button, new() { Name = "Toggle dark mode" }).ClickAsync();
        await session.ScreenshotAsync("suppressions-marketer-dark");
        session.AssertNoConsoleErrors();
    }

    /// <summary>A hard bounce recorded the way the pipeline records one, from a stored message.</summary>
    private async Task HardBounceAsync(string recipient)
    {
        var now = DateTimeOffset.UtcNow;
        await using var db = await browser.Services.GetRequiredService<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync();
        var message = new Message
        {
            PublicId = Guid.NewGuid().ToString("N"),
            SubmissionId = Guid.NewGuid().ToString("N"),
            Sender = "news@shop.example",
            Recipient = recipient,
            RecipientDomain = SuppressionValue.DomainOf(recipient),
            Subject = "Weekly news",
            CreatedAt = now,
        }.Stored(MessageStatus.HardBounced, now, "550 5.1.1 The email account that you tried to reach does not exist");
        db.Messages.Add(message);
        await db.SaveChangesAsync();
        var verdict = new Verdict(Outcome.HardBounce, "userunknown", true, "journey", "550 5.1.1", "Remove it from your list.");
        await Rules.ApplyResultAsync(db, message, verdict, now, Actor.System.Name, CancellationToken.None);
        await Rules.SaveAndAnnounceAsync(db, CancellationToken.None);
    }
}
