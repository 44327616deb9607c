using Dashboard.Core.Alerts;
using Dashboard.Core.Bounces.Inbound;
using Dashboard.Core.Data;
using Dashboard.Core.Dmarc;
using Dashboard.Core.Users;
using Dashboard.Tests.Dmarc;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using MimeKit;
using static Dashboard.Tests.Dmarc.DmarcFixtures;
using static Microsoft.Playwright.Assertions;

namespace Dashboard.Tests.Browser;

/// <summary>Issue 15, DMARC reports in the browser: a report mailed to the listener shows on the DMARC page, and its unknown source raises an alert.</summary>
[Collection(BrowserCollection.Name)]
public sealed class DmarcJourneys(BrowserFixture browser)
{
    [Fact]
    public async Task AReportMailedToTheListenerShowsItsSourcesTheAlignedShareAndTheFailingToolWithAnAlert()
    {
        var domain = $"dmarc-{Guid.NewGuid().ToString("N")[..8]}.example";
        await AddSenderDomainAsync(browser.Services.GetRequiredService<IDbContextFactory<DashboardDbContext>>(), domain);
        var receiver = browser.Services.GetRequiredService<DmarcReportReceiver>();
        var yesterday = new DateTimeOffset(DateTime.UtcNow.Date.AddDays(-1), TimeSpan.Zero);
        // Ours aligned (120), a forwarder below the alert threshold (5), a CRM tool failing (40): 120 of 165 aligned.
        var rows = TypicalRows(domain).Select(r => r.Ip == ForwarderIp ? r with { Count = 5 } : r).ToArray();
        await DeliverAsync(ZipMail(receiver.Address, Xml(domain: domain, reportId: Guid.NewGuid().ToString("N"), rows: rows, begin: yesterday), domain: domain));
        await browser.Services.GetRequiredService<AlertService>().EvaluateAsync(notify: false);
        await using var session = await browser.NewSessionAsync();

        await session.SignInAsAsync(Roles.Marketer);
        await session.GoToAsync($"dmarc?domain={domain}&days=7");

        await Expect(session.Page.Locator("[data-figure=aligned]")).ToContainTextAsync("72.7%");
        await Expect(session.Page.Locator("[data-figure=aligned]")).ToContainTextAsync("120 of 165 messages");
        var tool = session.Page.Locator($"[data-sources=failing] tr[data-ip='{ToolIp}']");
        await Expect(tool).ToContainTextAsync("google.com");
        await Expect(tool.Locator(".failed")).ToHaveTextAsync("40");
        await Expect(session.Page.Locator($"[data-sources=failing] tr[data-ip='{OurIp}']")).ToHaveCountAsync(0);
        await Expect(session.Page.Locator($"[data-sources=sources] tr[data-ip='{OurIp}'] .aligned-share")).ToHaveTextAsync("100.0%");
        var banner = session.Page.Locator(".alert-banner").Filter(new() { HasText = $"{ToolIp} sent 40 messages as {domain} that failed DMARC alignment" });
        await Expect(banner).ToContainTextAsync("Unknown DMARC source");
        await Expect(banner.GetByRole(AriaRole.Link, new() { Name = "DMARC sources" })).ToHaveAttributeAsync("href", $"/dmarc?domain={domain}");
        foreach (var (width, scheme) in new[] { (1440, ColorScheme.Light), (1440, ColorScheme.Dark), (390, ColorScheme.Light), (390, ColorScheme.Dark) })
        {
            await session.Page.SetViewportSizeAsync(width, 900);
            await session.Page.EmulateMediaAsync(new() { ColorScheme = scheme });
            await session.ScreenshotAsync($"dmarc-{width}-{scheme.ToString().ToLowerInvariant()}");
            var overflow = await session.Page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
            Assert.True(overflow <= 1, $"/dmarc at {width} px scrolls sideways by {overflow} px");
        }
        await session.Page.SetViewportSizeAsync(1440, 900);
        await session.ClickUntilGoneAsync(banner.GetByRole(AriaRole.Button, new() { Name = "Acknowledge" }), banner);
        session.AssertNoConsoleErrors();
    }

    [Fact]
    public async Task AZipBombMailedAsAReportIsOnTheUnmatchedPageWithTheReason()
    {
        var receiver = browser.Services.GetRequiredService<DmarcReportReceiver>();
        var name = $"bomb-{Guid.NewGuid().ToString("N")[..8]}";
        await DeliverAsync(Mail(receiver.Address, ZipBomb(50L * 1024 * 1024), "application/zip", name + ".zip"));
        await using var session = await browser.NewSessionAsync();

        await session.SignInAsAsync(Roles.Admin);
        await session.GoToAsync("unmatched");

        var row = session.Page.Locator("[data-testid=unmatched-table] tbody tr").Filter(new() { HasText = name });
        await Expect(row.GetByTestId("why")).ToContainTextAsync("DMARC report not stored: The report expands past 100×");
        session.AssertNoConsoleErrors();
    }

    // As a receiver's mail server would: over SMTP to the inbound listener.
    private async Task DeliverAsync(string mail)
    {
        var inbound = browser.Services.GetRequiredService<InboundBounceServer>();
        var receiver = browser.Services.GetRequiredService<DmarcReportReceiver>();
        using var stream = new MemoryStream(Bytes(mail));
        using var client = new SmtpClient();
        await client.ConnectAsync(inbound.Address, inbound.Port, SecureSocketOptions.None);
        await client.SendAsync(await MimeMessage.LoadAsync(stream), MailboxAddress.Parse("noreply-dmarc-support@google.com"), [MailboxAddress.Parse(receiver.Address)]);
        await client.DisconnectAsync(true);
    }
}
