using Dashboard.Core.Messages;
using Dashboard.Core.Reporting;
using Dashboard.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Tests.Reporting;

public sealed class DeliveryStatsServiceTests : IDisposable
{
    // Mid-afternoon, so "today" and "now" differ: the window runs to the end of today.
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 15, 30, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset TodayMidnight = new(2026, 11, 28, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset FirstDayMidnight = TodayMidnight.AddDays(-29);

    private readonly TestDatabase _database = new();
    private readonly DeliveryStatsService _service;

    public DeliveryStatsServiceTests()
    {
        _service = new DeliveryStatsService(_database.Factory, new FakeTimeProvider(Now));
    }

    [Fact]
    public async Task TotalsCountEachOutcome()
    {
        var at = Now.AddDays(-3);
        await _database.AddAsync(at, MessageStatus.Delivered, 40);
        await _database.AddAsync(at, MessageStatus.SoftBounced, 3);
        await _database.AddAsync(at, MessageStatus.HardBounced, 2);
        await _database.AddAsync(at, MessageStatus.Rejected, 5);

        var stats = await _service.GetAsync();

        Assert.Equal(new DeliveryCounts(Processed: 50, Delivered: 40, SoftBounces: 3, HardBounces: 2, Rejected: 5), stats.Totals);
    }

    [Fact]
    public async Task RejectedSendsAreLeftOutOfTheBounceRate()
    {
        // 100 attempted, 5 bounced: 5%. Counting the 100 rejected as well would halve it to 2.5%.
        var at = Now.AddDays(-1);
        await _database.AddAsync(at, MessageStatus.Delivered, 95);
        await _database.AddAsync(at, MessageStatus.HardBounced, 2);
        await _database.AddAsync(at, MessageStatus.SoftBounced, 3);
        await _database.AddAsync(at, MessageStatus.Rejected, 100);

        var stats = await _service.GetAsync();

        Assert.Equal(200, stats.Totals.Processed);
        Assert.Equal(100, stats.Totals.Attempted);
        Assert.Equal(0.05, stats.Totals.BounceRate, precision: 10);
        Assert.Equal(0.02, stats.Totals.HardBounceRate, precision: 10);
        Assert.True(stats.AtOrAboveThreshold);
    }

    [Fact]
    public async Task ComplaintsAndUnsubscribesCountAsDeliveredAndUnfinishedSendsOnlyAsProcessed()
    {
        var at = Now.AddHours(-1);
        await _database.AddAsync(at, MessageStatus.Complained);
        await _database.AddAsync(at, MessageStatus.Unsubscribed);
        await _database.AddAsync(at, MessageStatus.Queued);
        await _database.AddAsync(at, MessageStatus.Interrupted);

        var stats = await _service.GetAsync();

        Assert.Equal(new DeliveryCounts(Processed: 4, Delivered: 2, SoftBounces: 0, HardBounces: 0, Rejected: 0, Complaints: 1), stats.Totals);
    }

    [Fact]
    public async Task SeriesHasOneEntryPerDayOldestFirstWithQuietDaysAsZero()
    {
        await _database.AddAsync(FirstDayMidnight.AddHours(10), MessageStatus.Delivered, 4);
        await _database.AddAsync(TodayMidnight.AddDays(-10).AddHours(23), MessageStatus.HardBounced, 2);
        await _database.AddAsync(TodayMidnight.AddDays(-10).AddHours(1), MessageStatus.Delivered, 8);
        await _database.AddAsync(Now, MessageStatus.SoftBounced);

        var stats = await _service.GetAsync();

        Assert.Equal(30, stats.Days.Count);
        Assert.Equal(new DateOnly(2026, 10, 30), stats.Days[0].Day);
        Assert.Equal(new DateOnly(2026, 11, 28), stats.Days[^1].Day);
        Assert.Equal(4, stats.Days[0].Counts.Delivered);
        var tenDaysAgo = stats.Days.Single(d => d.Day == new DateOnly(2026, 11, 18)).Counts;
        Assert.Equal(new DeliveryCounts(Processed: 10, Delivered: 8, SoftBounces: 0, HardBounces: 2, Rejected: 0), tenDaysAgo);
        Assert.Equal(0.2, tenDaysAgo.BounceRate, precision: 10);
        Assert.Equal(1, stats.Days[^1].Counts.SoftBounces);
        Assert.Equal(DeliveryCounts.Empty, stats.Days[1].Counts);
        Assert.Equal(stats.Totals, stats.Days.Aggregate(DeliveryCounts.Empty, (sum, d) => sum + d.Counts));
    }

    [Fact]
    public async Task WindowRunsFromMidnightTwentyNineDaysAgoToTheEndOfToday()
    {
        var oneTick = TimeSpan.FromTicks(1);
        await _database.AddAsync(FirstDayMidnight - oneTick, MessageStatus.HardBounced);       // out: a day too old
        await _database.AddAsync(FirstDayMidnight, MessageStatus.Delivered);                  // in: first instant
        await _database.AddAsync(TodayMidnight.AddDays(1) - oneTick, MessageStatus.Delivered); // in: last instant of today
        await _database.AddAsync(TodayMidnight.AddDays(1), MessageStatus.SoftBounced);        // out: tomorrow

        var stats = await _service.GetAsync();

        Assert.Equal(FirstDayMidnight, stats.From);
        Assert.Equal(TodayMidnight.AddDays(1), stats.To);
        Assert.Equal(new DeliveryCounts(Processed: 2, Delivered: 2, SoftBounces: 0, HardBounces: 0, Rejected: 0), stats.Totals);
        Assert.Equal(1, stats.Days[0].Counts.Delivered);
        Assert.Equal(1, stats.Days[^1].Counts.Delivered);
    }

    [Fact]
    public async Task WindowMovesWithTheClock()
    {
        var time = new FakeTimeProvider(Now);
        var service = new DeliveryStatsService(_database.Factory, time);
        await _database.AddAsync(FirstDayMidnight.AddHours(5), MessageStatus.HardBounced);

        var before = await service.GetAsync();
        time.SetUtcNow(TodayMidnight.AddDays(1)); // tomorrow: that first day has left the window
        var after = await service.GetAsync();

        Assert.Equal(1, before.Totals.HardBounces);
        Assert.Equal(0, after.Totals.HardBounces);
        Assert.Equal(new DateOnly(2026, 11, 29), after.Days[^1].Day);
    }

    [Fact]
    public async Task EmptyDatabaseGivesZerosAndNoRate()
    {
        var stats = await _service.GetAsync();

        Assert.Equal(DeliveryCounts.Empty, stats.Totals);
        Assert.Equal(0, stats.Totals.BounceRate);
        Assert.False(stats.AtOrAboveThreshold);
        Assert.All(stats.Days, d => Assert.Equal(DeliveryCounts.Empty, d.Counts));
    }

    public void Dispose() => _database.Dispose();
}
