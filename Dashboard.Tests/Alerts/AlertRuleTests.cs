using Dashboard.Core.Alerts;
using Dashboard.Core.Classification;
using Dashboard.Core.Messages;
using Dashboard.Core.Users;
using Dashboard.Core.Webhooks;
using Dashboard.Tests.Reporting;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Tests.Alerts;

public sealed class AlertRuleTests : IAsyncLifetime
{
    private readonly AlertHarness _harness = new();

    private DateTimeOffset Now => _harness.Clock.GetUtcNow();

    public Task InitializeAsync()
    {
        // Half past the hour: "this hour" has begun, the 24 h window ends with it.
        _harness.Clock.Advance(TimeSpan.FromMinutes(30));
        return Task.CompletedTask;
    }

    [Theory]
    [InlineData(50, AlertSeverity.Critical)]
    [InlineData(49, AlertSeverity.Warning)]
    [InlineData(40, AlertSeverity.Warning)]
    public async Task BounceRateAlertIsCriticalFromFivePointZeroPercentAndAWarningFromFour(int bounces, AlertSeverity expected)
    {
        await Sent(1000, bounces);

        var (opened, _) = await _harness.Service.EvaluateAsync(notify: false);

        var alert = Assert.Single(opened);
        Assert.Equal(AlertRule.BounceRate, alert.Rule);
        Assert.Equal(expected, alert.Severity);
    }

    [Fact]
    public async Task BounceRateBelowTheWarningOpensNothing()
    {
        await Sent(1000, 39);

        var (opened, _) = await _harness.Service.EvaluateAsync(notify: false);

        Assert.Empty(opened);
    }

    [Fact]
    public async Task TooLittleMailIsNoAlarm()
    {
        await Sent(3, 1);
        await Sent(90, 30);

        var (opened, _) = await _harness.Service.EvaluateAsync(notify: false);

        Assert.Empty(opened);
    }

    [Fact]
    public async Task AnAlertClosesOnlyOnceTheFigureIsWellBelowTheLine()
    {
        await Sent(1000, 50);
        await _harness.Service.EvaluateAsync(notify: false);

        // 50 of 1,430 = 3.5%: below the 4% warning but not below 80% of it (3.2%): stays open.
        await Sent(430, 0);
        var (_, stillOpen) = await _harness.Service.EvaluateAsync(notify: false);
        // 50 of 1,620 = 3.09%: closes.
        await Sent(190, 0);
        var (_, closed) = await _harness.Service.EvaluateAsync(notify: false);

        Assert.Empty(stillOpen);
        var alert = Assert.Single(closed);
        Assert.Equal(AlertRule.BounceRate, alert.Rule);
        Assert.Equal(Now, alert.ClosedAt);
        Assert.Empty(await _harness.Service.ListUnacknowledgedAsync());
    }

    [Fact]
    public async Task ComplaintRateFromOneInAThousandOpensAnAlert()
    {
        await _harness.Database.AddAsync(Now.AddMinutes(-5), MessageStatus.Delivered, 999);
        await _harness.Database.AddAsync(Now.AddMinutes(-5), MessageStatus.Complained, 1, reason: Reasons.Feedback);

        var (opened, _) = await _harness.Service.EvaluateAsync(notify: false);

        var alert = Assert.Single(opened);
        Assert.Equal(AlertRule.ComplaintRate, alert.Rule);
        Assert.Equal(AlertSeverity.Warning, alert.Severity);
    }

    [Theory]
    [InlineData(1, 10, true)]   // average 1 an hour: 10 is both ≥ 3× and ≥ the minimum of 10
    [InlineData(1, 9, false)]   // under the minimum
    [InlineData(5, 14, false)]  // average 5: needs 15
    [InlineData(5, 15, true)]
    public async Task ClusterOfHardBouncesIsThreeTimesTheUsualHourAndAtLeastTen(int perHourBefore, int thisHour, bool opens)
    {
        var hour = new DateTimeOffset(Now.UtcTicks - Now.UtcTicks % TimeSpan.TicksPerHour, TimeSpan.Zero);
        for (var h = 1; h <= AlertEvaluator.TrailingHours; h++)
        {
            await _harness.Database.AddAsync(hour.AddHours(-h).AddMinutes(10), MessageStatus.HardBounced, perHourBefore, reason: Reasons.UserUnknown);
        }
        await _harness.Database.AddAsync(Now.AddMinutes(-1), MessageStatus.HardBounced, thisHour, reason: Reasons.UserUnknown);

        var (opened, _) = await _harness.Service.EvaluateAsync(notify: false);

        Assert.Equal(opens, opened.Any(a => a.Rule == AlertRule.HardBounceCluster));
    }

    [Fact]
    public async Task OneProvidersSenderSideSoftBouncesOpenAProviderBlock()
    {
        await _harness.Database.AddAsync(Now.AddMinutes(-3), MessageStatus.SoftBounced, 12, domain: "gmail.com", reason: Reasons.Blocked);
        await _harness.Database.AddAsync(Now.AddMinutes(-3), MessageStatus.SoftBounced, 12, domain: "yahoo.com", reason: Reasons.MailboxFull);
        await _harness.Database.AddAsync(Now.AddMinutes(-3), MessageStatus.Delivered, 2000, domain: "yahoo.com");

        var (opened, _) = await _harness.Service.EvaluateAsync(notify: false);

        var block = Assert.Single(opened, a => a.Rule == AlertRule.ProviderBlock);
        Assert.Equal("Google", block.Subject);
    }

    [Fact]
    public async Task ProviderBlockWeighsThisHourAgainstThatProvidersOwnWeek()
    {
        var hour = new DateTimeOffset(Now.UtcTicks - Now.UtcTicks % TimeSpan.TicksPerHour, TimeSpan.Zero);
        for (var h = 1; h <= AlertEvaluator.TrailingHours; h++)
        {
            await _harness.Database.AddAsync(hour.AddHours(-h).AddMinutes(10), MessageStatus.SoftBounced, 4, domain: "gmail.com", reason: Reasons.Blocked);
        }
        await _harness.Database.AddAsync(Now.AddMinutes(-2), MessageStatus.SoftBounced, 11, domain: "gmail.com", reason: Reasons.Blocked);
        await _harness.Database.AddAsync(Now.AddMinutes(-2), MessageStatus.SoftBounced, 10, domain: "hotmail.com", reason: Reasons.Blocked);

        var readings = await _harness.Evaluator.ReadAsync(Now);

        var blocks = readings.Where(r => r.Rule == AlertRule.ProviderBlock).OrderBy(r => r.Subject).ToList();
        Assert.Equal(["Google", "Microsoft"], blocks.Select(b => b.Subject));
        Assert.Equal((11.0, 12.0, (AlertSeverity?)null), (blocks[0].Value, blocks[0].Threshold, blocks[0].Severity)); // 4 an hour before: needs 3 × 4
        Assert.Equal((10.0, 10.0, (AlertSeverity?)AlertSeverity.Critical), (blocks[1].Value, blocks[1].Threshold, blocks[1].Severity));
    }

    [Fact]
    public async Task ProviderBlockClosesInTheFirstHourWithoutSenderSideBouncesThere()
    {
        await _harness.Database.AddAsync(Now.AddMinutes(-3), MessageStatus.SoftBounced, 12, domain: "gmail.com", reason: Reasons.Blocked);
        var (opened, _) = await _harness.Service.EvaluateAsync(notify: false);
        Assert.Single(opened, a => a.Rule == AlertRule.ProviderBlock);

        _harness.Clock.Advance(TimeSpan.FromHours(1));
        await _harness.Database.AddAsync(Now.AddMinutes(-3), MessageStatus.SoftBounced, 12, domain: "gmail.com", reason: Reasons.MailboxFull);
        var (_, closed) = await _harness.Service.EvaluateAsync(notify: false);

        // Its week still holds the 12 of the hour before; this hour has none on the sender's side.
        var block = Assert.Single(closed, a => a.Rule == AlertRule.ProviderBlock);
        Assert.Equal(("Google", 0.0), (block.Subject, block.LastValue));
        Assert.DoesNotContain(await _harness.Evaluator.ReadAsync(Now), r => r.Rule == AlertRule.ProviderBlock);
    }

    [Fact]
    public async Task AcknowledgingHidesTheBannerUntilTheAlertGetsWorse()
    {
        await Sent(1000, 42);
        var (opened, _) = await _harness.Service.EvaluateAsync(notify: false);

        await _harness.Service.AcknowledgeAsync(opened[0].Id, new Actor("ann@example.test", new HashSet<string> { Roles.Marketer }));
        var afterAck = await _harness.Service.ListUnacknowledgedAsync();
        await Sent(100, 40);
        await _harness.Service.EvaluateAsync(notify: false);
        var afterEscalation = await _harness.Service.ListUnacknowledgedAsync();

        Assert.Empty(afterAck);
        var shown = Assert.Single(afterEscalation);
        Assert.Equal(AlertSeverity.Critical, shown.Severity);
        Assert.Equal(opened[0].Id, shown.Id);
    }

    [Fact]
    public async Task AnOpenedAlertMailsEveryEnabledAdminThroughThePipelineAndQueuesItsWebhook()
    {
        await _harness.AddUserAsync("admin1@example.test", Roles.Admin);
        await _harness.AddUserAsync("admin2@example.test", Roles.Admin);
        await _harness.AddUserAsync("gone@example.test", Roles.Admin, disabled: true);
        await _harness.AddUserAsync("ann@example.test", Roles.Marketer);
        await using (var db = _harness.Database.CreateContext())
        {
            db.WebhookEndpoints.Add(new WebhookEndpoint { Url = "https://hooks.example/alerts", Secret = "whsec_" + Convert.ToBase64String(new byte[32]), Events = WebhookEventTypes.AlertOpened });
            await db.SaveChangesAsync();
        }
        await Sent(1000, 60);

        await _harness.Service.EvaluateAsync();

        // Each admin gets their own copy.
        Assert.Equal(["admin1@example.test", "admin2@example.test"], _harness.Smtp.Received.SelectMany(m => m.To).Order());
        Assert.All(_harness.Smtp.Received, mail => Assert.Contains("Bounce rate 6.0%", System.Text.Encoding.UTF8.GetString(mail.Raw)));
        await using var check = _harness.Database.CreateContext();
        var delivery = Assert.Single(await check.WebhookDeliveries.ToListAsync());
        Assert.Equal(WebhookEventTypes.AlertOpened, delivery.EventType);
        Assert.Contains("\"rule\":\"BounceRate\"", delivery.Payload);
    }

    private async Task Sent(int attempted, int bounces)
    {
        await _harness.Database.AddAsync(Now.AddMinutes(-10), MessageStatus.Delivered, attempted - bounces);
        if (bounces > 0)
        {
            // Soft bounces for the recipient's side: neither a cluster of hard bounces nor a provider block.
            await _harness.Database.AddAsync(Now.AddMinutes(-10), MessageStatus.SoftBounced, bounces, reason: Reasons.MailboxFull);
        }
    }

    public Task DisposeAsync() => _harness.DisposeAsync().AsTask();
}
