using System.Text.RegularExpressions;
using Dashboard.Core.Alerts;
using Dashboard.Core.Classification;
using Dashboard.Core.Data;
using Dashboard.Core.Messages;
using Dashboard.Core.Users;
using Dashboard.Tests.Reporting;
using Dashboard.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Dashboard.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class ReportsJourneys(BrowserFixture browser)
{
    private const string Sender = "reports-journey@shop.example";

    [Fact]
    public async Task AMarketerSeesTheThresholdOpensABadDayInActivityAndAcknowledgesTheAlert()
    {
        var badDay = DateTimeOffset.UtcNow.Date.AddDays(-3);
        var factory = browser.Services.GetRequiredService<IDbContextFactory<DashboardDbContext>>();
        long alertId;
        await using (var db = await factory.CreateDbContextAsync())
        {
            var at = new DateTimeOffset(badDay.AddHours(10), TimeSpan.Zero);
            db.Messages.AddRange(Enumerable.Range(0, 40).Select(i => Message(at, i < 8 ? MessageStatus.HardBounced : MessageStatus.Delivered)));
            db.Messages.AddRange(Enumerable.Range(0, 40).Select(_ => Message(at.AddDays(-1), MessageStatus.Delivered)));
            var alert = new Alert
            {
                Rule = AlertRule.HardBounceCluster,
                Severity = AlertSeverity.Critical,
                OpenedAt = DateTimeOffset.UtcNow,
                Summary = "12 hard bounces in the hour from 10:00 UTC, against 0.5 an hour (journey)",
                WindowFrom = at,
                WindowTo = at.AddHours(1),
                Threshold = 10,
            };
            db.Alerts.Add(alert);
            await db.SaveChangesAsync();
            alertId = alert.Id;
        }
        await using var session = await browser.NewSessionAsync();
        await session.SignInAsAsync(Roles.Marketer, $"/reports?range=7d&sender={Uri.EscapeDataString(Sender)}");

        // The threshold line is annotated on the chart, and the bad day is marked above it.
        await Expect(session.Page.Locator("#bounce-rate-chart .apexcharts-yaxis-annotations").GetByText("5% threshold")).ToBeVisibleAsync();
        await Expect(session.Page.Locator("[data-figure=bounce-rate]")).ToContainTextAsync("10.00%");
        await session.ScreenshotAsync("reports-marketer-1280");
        var day = session.Page.Locator(".above-threshold a");
        await Expect(day).ToHaveCountAsync(1);
        await day.ClickAsync();

        await Expect(session.Page).ToHaveURLAsync(new Regex($"/activity\\?range=custom&from={badDay:yyyy-MM-dd}&to={badDay.AddDays(1):yyyy-MM-dd}&status=softbounced%2Chardbounced"));
        await session.WaitForCircuitAsync();
        await Expect(session.Page.Locator("#activity-count")).ToContainTextAsync("8 messages");

        // The alert shows on every page until someone acknowledges it.
        var banner = session.Page.Locator($".alert-banner[data-alert='{alertId}']");
        await Expect(banner).ToBeVisibleAsync();
        await session.ClickUntilGoneAsync(banner.GetByRole(AriaRole.Button, new() { Name = "Acknowledge" }), banner);
        await session.GoToAsync("alerts");
        await Expect(session.Page.Locator($"tr[data-alert='{alertId}']")).ToContainTextAsync("Seen by");
        session.AssertNoConsoleErrors();
    }

    private static Message Message(DateTimeOffset at, MessageStatus status)
    {
        var message = MessageRows.New(at, status, status == MessageStatus.HardBounced ? Reasons.UserUnknown : null);
        message.Sender = Sender;
        return message;
    }
}
