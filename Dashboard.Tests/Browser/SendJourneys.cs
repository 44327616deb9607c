using Dashboard.Core.Data;
using Dashboard.Core.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using MimeKit;
using static Microsoft.Playwright.Assertions;

namespace Dashboard.Tests.Browser;

/// <summary>
/// The Send page with realistic sizes, in chromium: fields larger than a SignalR message (32 KB) are
/// carried whole or refused naming the limit, never cut or emptied.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class SendJourneys(BrowserFixture browser)
{
    [Fact]
    public async Task AOneMegabyteHtmlBodyIsSentAndStoredExactlyAsTyped()
    {
        await using var session = await browser.NewSessionAsync();
        var page = session.Page;
        var recipient = $"anyone+{Guid.NewGuid():N}@sandbox.test";
        var subject = "Big news:" + string.Concat(Enumerable.Repeat(" spring sale", 75));
        var html = "<html><body>" + string.Concat(Enumerable.Range(0, 50_000).Select(i => $"<p>line {i:D5} é</p>\n")) + "</body></html>";
        Assert.True(html.Length > 1_000_000);

        await session.SignInAsAsync(Roles.Marketer, "/send");
        await page.Locator("#send-from").FillAsync("news@company.example");
        await page.Locator("#send-to").FillAsync(recipient);
        await page.Locator("#send-subject").FillAsync(subject);
        // Set, not typed key by key: a megabyte through the keyboard takes minutes. The page reads it on Send as it would typed text.
        await page.Locator("#send-html").EvaluateAsync("(e, v) => e.value = v", html);
        await page.GetByTestId("send").ClickAsync();

        await Expect(page.GetByTestId("outcomes")).ToContainTextAsync(recipient, new() { Timeout = 60_000 });
        await using var db = await browser.Services.GetRequiredService<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync();
        var message = await db.Messages.AsNoTracking().SingleAsync(m => m.Recipient == recipient);
        var content = await db.MessageContents.AsNoTracking().SingleAsync(c => c.Id == message.ContentId);
        // What this recipient received: its own header block, then the submission's shared body.
        var mime = MimeMessage.Load(new MemoryStream([.. message.Headers ?? [], .. content.Mime]));
        Assert.Equal(subject, message.Subject);
        Assert.Equal(subject, mime.Subject);
        // MIME ends a text part with a line break; everything typed is there, unchanged.
        Assert.Equal(html, mime.HtmlBody?.TrimEnd('\n'));
        // The outcome links to the new message's timeline.
        await page.GetByTestId("outcomes").Locator("a.timeline-link").ClickAsync();
        await page.WaitForURLAsync(url => url.Contains($"/activity/{message.PublicId}"), new() { WaitUntil = WaitUntilState.Commit });
        session.AssertNoConsoleErrors();
    }

    [Fact]
    public async Task ALongSubjectAndTwelveHundredRecipientsAreRefusedNamingTheLimitsAndNothingTypedIsLost()
    {
        await using var session = await browser.NewSessionAsync();
        var page = session.Page;
        var tag = Guid.NewGuid().ToString("N");
        var subject = $"{tag} " + new string('x', 30_000);
        var recipients = string.Join("\n", Enumerable.Range(0, 1_200).Select(i => $"anyone+{tag}-{i}@sandbox.test"));
        var body = "Hello " + new string('b', 40_000);

        await session.SignInAsAsync(Roles.Marketer, "/send");
        await page.Locator("#send-from").FillAsync("news@company.example");
        await page.Locator("#send-to").FillAsync(recipients);
        await page.Locator("#send-subject").FillAsync(subject);
        await page.Locator("#send-text").FillAsync(body);
        await Expect(page.GetByTestId("recipient-count")).ToHaveTextAsync("1,200 recipients");
        await page.GetByTestId("send").ClickAsync();

        await Expect(page.Locator("[data-field=subject] .field-error-text")).ToContainTextAsync("the limit is 998");
        await Expect(page.Locator("[data-field=to] .field-error-text")).ToContainTextAsync("1,200 recipients is more than the limit of 100");
        await Expect(page.Locator("[data-field=text-body].has-error")).ToHaveCountAsync(0);
        await session.ScreenshotAsync("send-refused-1440-light");
        Assert.Equal(subject, await page.Locator("#send-subject").InputValueAsync());
        Assert.Equal(recipients, await page.Locator("#send-to").InputValueAsync());
        Assert.Equal(body, await page.Locator("#send-text").InputValueAsync());
        await using var db = await browser.Services.GetRequiredService<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync();
        Assert.False(await db.Messages.AnyAsync(m => m.Recipient.Contains(tag)));
        session.AssertNoConsoleErrors();
    }
}
