using Dashboard.Core.Bounces.Inbound;
using Dashboard.Core.Data;
using Dashboard.Core.Messages;
using Dashboard.Core.Sending;
using Dashboard.Core.Users;
using Dashboard.Tests.Inbound;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Dashboard.Tests.Browser;

/// <summary>Issue 9 §1 in the browser: an unverified report waits on the Unmatched page until an admin accepts it.</summary>
[Collection(BrowserCollection.Name)]
public sealed class UnmatchedJourneys(BrowserFixture browser)
{
    [Fact]
    public async Task AnAdminAcceptsAnUnverifiedBounceAndOnlyThenItActs()
    {
        var recipient = $"reader-{Guid.NewGuid().ToString("N")[..8]}@example.com";
        var send = browser.Services.GetRequiredService<SendService>();
        var inbound = browser.Services.GetRequiredService<InboundBounceServer>();
        var domain = browser.Services.GetRequiredService<ReturnPathSigner>().Domain;
        var sent = await send.SendAsync(new SendRequest("news@shop.example", [recipient], "Weekly news", "Hello", null), Actor.Demo);
        var publicId = sent.Recipients[0].PublicId;
        var factory = browser.Services.GetRequiredService<IDbContextFactory<DashboardDbContext>>();
        string messageId;
        await using (var db = await factory.CreateDbContextAsync())
        {
            messageId = (await db.Messages.SingleAsync(m => m.PublicId == publicId)).MessageIdHeader!;
        }
        var postmaster = $"postmaster@{domain}";
        await using (var h = await RawSmtpClient.ConnectAsync(inbound.Address, inbound.Port))
        {
            await h.ReadReplyAsync();
            await h.CommandAsync("EHLO mx.remote.test");
            await h.CommandAsync("MAIL FROM:<>");
            await h.CommandAsync($"RCPT TO:<{postmaster}>");
            await h.CommandAsync("DATA");
            var dsn = InboundHarness.PostfixDsn(postmaster, recipient, messageId, "550 5.1.1 User unknown").Replace("\r\n.", "\r\n..");
            Assert.StartsWith("250", await h.CommandAsync(dsn + "\r\n."));
        }
        await using var session = await browser.NewSessionAsync();

        await session.SignInAsAsync(Roles.Admin);
        await session.GoToAsync("unmatched");
        var row = session.Page.Locator("[data-testid=unmatched-table] tbody tr").Filter(new() { HasText = publicId });
        await Expect(row.GetByTestId("unverified")).ToContainTextAsync("Unverified");
        await row.Locator("td").Nth(3).ClickAsync();
        await Expect(session.Page.GetByTestId("raw-size")).ToContainTextAsync("bytes");
        foreach (var (width, scheme) in new[] { (1440, ColorScheme.Light), (1440, ColorScheme.Dark), (390, ColorScheme.Light), (390, ColorScheme.Dark) })
        {
            await session.Page.SetViewportSizeAsync(width, 900);
            await session.Page.EmulateMediaAsync(new() { ColorScheme = scheme });
            await session.ScreenshotAsync($"unmatched-admin-{width}-{scheme.ToString().ToLowerInvariant()}");
        }
        await session.Page.SetViewportSizeAsync(1440, 900);
        Assert.Equal(MessageStatus.Delivered, sent.Recipients[0].Status);
        await using (var db = await factory.CreateDbContextAsync())
        {
            Assert.False((await db.Messages.SingleAsync(m => m.PublicId == publicId)).BouncedAfterDelivery);
        }
        await session.Page.GetByTestId("accept").ClickAsync();

        await Expect(session.Page.GetByTestId("accept-result")).ToContainTextAsync("now acted on message");
        await Expect(row.GetByTestId("unverified")).ToContainTextAsync("Accepted by");
        await using (var db = await factory.CreateDbContextAsync())
        {
            // The sandbox is the recipient's own server, so a hard bounce after its 250 is a bounce after
            // delivery (issue 13): accepted, it is recorded as one, and the message stays delivered.
            var message = await db.Messages.SingleAsync(m => m.PublicId == publicId);
            Assert.True(message.BouncedAfterDelivery);
            Assert.Equal(MessageStatus.Delivered, message.Status);
        }
        await session.GoToAsync($"activity/{publicId}");
        await Expect(session.Page.GetByText("Unverified report: not acted on")).ToBeVisibleAsync();
        await session.ScreenshotAsync("unmatched-accepted-timeline");
        session.AssertNoConsoleErrors();
    }

    [Fact]
    public async Task AMarketerCannotOpenTheUnmatchedPage()
    {
        await using var session = await browser.NewSessionAsync();

        await session.SignInAsAsync(Roles.Marketer);
        await session.Page.GotoAsync("unmatched");

        await Expect(session.Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("access-denied"));
        await session.ScreenshotAsync("unmatched-marketer-390");
    }
}
