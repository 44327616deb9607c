using Dashboard.Core.Alerts;
using Dashboard.Core.Demo;
using Dashboard.Core.Messages;
using Dashboard.Core.Reporting;
using Dashboard.Core.Sandbox;
using Dashboard.Tests.Sandbox;
using Dashboard.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Dashboard.Tests.Demo;

public sealed class DemoTrafficTests : IAsyncLifetime
{
    private PipelineHarness _pipeline = null!;
    private SandboxServer _server = null!;
    private DemoTrafficService _demo = null!;

    private static readonly DemoOptions Options = new() { Enabled = true, HistoryDays = 6, MessagesPerDay = 40, BadDayAgo = 2, LiveIntervalSeconds = 0 };

    public Task InitializeAsync()
    {
        _pipeline = SandboxHarness.Create(out _server);
        _pipeline.Clock.SetUtcNow(new DateTimeOffset(2026, 3, 31, 12, 0, 0, TimeSpan.Zero));
        _demo = NewDemo();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _pipeline.DisposeAsync();
        await _server.DisposeAsync();
    }

    private DemoTrafficService NewDemo(AlertService? alerts = null) => new(_pipeline.Send, _pipeline.Database.Factory, _pipeline.Clock,
        Microsoft.Extensions.Options.Options.Create(Options), Microsoft.Extensions.Options.Options.Create(_pipeline.Options),
        NullLogger<DemoTrafficService>.Instance, alerts);

    [Fact]
    public async Task TheBadDayRaisesAClusterAlertInTheHistory()
    {
        var alertOptions = new StaticAlertOptions(new AlertOptions { EmailAdmins = false });
        var alerts = new AlertService(_pipeline.Database.Factory, new AlertEvaluator(_pipeline.Database.Factory, alertOptions),
            new AlertNotifier(_pipeline.Database.Factory, _pipeline.Send, alertOptions, NullLogger<AlertNotifier>.Instance),
            _pipeline.Webhooks, new AlertFeed(), _pipeline.Clock, NullLogger<AlertService>.Instance);

        await NewDemo(alerts).FillHistoryAsync(CancellationToken.None);

        var history = await alerts.ListAsync();
        var cluster = Assert.Single(history, a => a.Rule == AlertRule.HardBounceCluster);
        var badDay = _pipeline.Clock.GetUtcNow().Date.AddDays(-Options.BadDayAgo);
        Assert.Equal(badDay + DemoScenario.ImportHour, cluster.WindowFrom.UtcDateTime);
        Assert.NotNull(cluster.ClosedAt);
        Assert.Empty(_pipeline.Database.CreateContext().WebhookDeliveries); // the past notifies no one
    }

    private sealed class StaticAlertOptions(AlertOptions value) : IOptionsMonitor<AlertOptions>
    {
        public AlertOptions CurrentValue => value;

        public AlertOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<AlertOptions, string?> listener) => null;
    }

    [Fact]
    public async Task HistoryIsBackDatedRealisticAndHasOneBadDay()
    {
        var sent = await _demo.FillHistoryAsync(CancellationToken.None);

        var stats = await new DeliveryStatsService(_pipeline.Database.Factory, _pipeline.Clock).GetAsync(7);
        var days = stats.Days;
        Assert.True(sent > 100, $"sent {sent}");
        Assert.Equal(0, days[^1].Counts.Processed);
        Assert.All(days.Take(6), d => Assert.True(d.Counts.Processed > 0));
        var badDay = days[^3];
        Assert.True(badDay.Counts.BounceRate > DeliveryStatsService.BounceRateThreshold, $"bad day at {badDay.Counts.BounceRate:P1}");
        Assert.All(days.Take(6).Where(d => d != badDay), d => Assert.True(d.Counts.BounceRate < DeliveryStatsService.BounceRateThreshold, $"{d.Day} at {d.Counts.BounceRate:P1}"));
        Assert.InRange((double)stats.Totals.Delivered / stats.Totals.Processed, 0.9, 0.99);
        await using var db = _pipeline.Database.CreateContext();
        Assert.True(await db.Messages.AllAsync(m => m.Source == MessageSource.Demo && m.SubmittedBy == null));
        Assert.Equal(0, await db.Messages.CountAsync(m => m.Status == MessageStatus.Queued || m.Status == MessageStatus.Sending));
        // Tagged, so the reports' "By tag" table has a past too.
        Assert.True(await db.Messages.AllAsync(m => m.Tags != null));
        var byTag = await new ReportQueryService(_pipeline.Database.Factory, _pipeline.Clock)
            .GetBreakdownAsync(ReportDimension.Tag, new ReportFilter { Range = ReportRange.Last7Days });
        Assert.True(byTag.Count >= 2, $"{byTag.Count} tag(s)");
        Assert.Equal(stats.Totals.Processed, byTag.Sum(t => t.Counts.Processed));
    }

    [Fact]
    public async Task ARestartDoesNotDuplicateHistory()
    {
        await _demo.FillHistoryAsync(CancellationToken.None);
        await using var db = _pipeline.Database.CreateContext();
        var before = await db.Messages.CountAsync();

        var sentAgain = await NewDemo().FillHistoryAsync(CancellationToken.None);

        Assert.Equal(0, sentAgain);
        Assert.Equal(before, await db.Messages.CountAsync());
    }

    [Fact]
    public void EveryRunPlansTheSameMonthSoARestartInAnotherProcessAddsNothing()
    {
        var scenario = new DemoScenario(2026);

        var targets = Enumerable.Range(0, 7).Select(i => scenario.TargetFor(new DateOnly(2026, 3, 2).AddDays(i), 110)).ToList();

        // Computed once; a per-process seed (HashCode.Combine) would make this differ from run to run.
        Assert.Equal([137, 115, 107, 122, 130, 59, 75], targets);
    }
}
