using Dashboard.Core.Data;
using Dashboard.Core.Reporting.Rollups;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Reporting;

/// <summary>
/// Delivery totals and the daily series behind the Overview, read from the daily report rollups
/// (<see cref="Rollups.RollupSql"/>): one row per day whatever the volume of mail.
/// </summary>
public sealed class DeliveryStatsService(IDbContextFactory<DashboardDbContext> dbFactory, TimeProvider time)
{
    /// <summary>The bounce rate from which sending is at risk: mailbox providers start to distrust a sender there.</summary>
    public const double BounceRateThreshold = 0.05;

    /// <summary>The Overview's window: today (UTC) and the 29 days before it.</summary>
    public const int DefaultDays = 30;

    /// <summary>
    /// Counts the messages created in the last <paramref name="days"/> whole UTC days, today
    /// included, by how they ended, in total and per day.
    /// </summary>
    public async Task<DeliveryStats> GetAsync(int days = DefaultDays, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(days, 1);
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var firstDay = today.AddDays(1 - days);
        var from = new DateTimeOffset(firstDay.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var to = new DateTimeOffset(today.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await RollupFolder.FoldAsync(db, cancellationToken);
        // The daily rollup row for "any tag, any sender, any provider": one row per day, so the cost
        // follows the number of days, not the volume of mail (the triggers keep it exact).
        var rows = await db.DeliveryRollups.AsNoTracking()
            .Where(r => r.Period == RollupPeriod.Day && r.Tag == DeliveryRollup.All && r.Sender == DeliveryRollup.All
                && r.Provider == DeliveryRollup.All && r.BucketStart >= from && r.BucketStart < to)
            .Select(r => new { r.BucketStart, r.Processed, r.Delivered, r.SoftBounces, r.HardBounces, r.Rejected, r.Complaints })
            .ToListAsync(cancellationToken);
        var byDay = rows.ToDictionary(
            r => DateOnly.FromDateTime(r.BucketStart.UtcDateTime),
            r => new DeliveryCounts(r.Processed, r.Delivered, r.SoftBounces, r.HardBounces, r.Rejected, r.Complaints));

        var series = new List<DailyDeliveryCounts>(days);
        for (var day = firstDay; day <= today; day = day.AddDays(1))
        {
            series.Add(new DailyDeliveryCounts(day, byDay.GetValueOrDefault(day, DeliveryCounts.Empty)));
        }
        var totals = series.Aggregate(DeliveryCounts.Empty, (sum, d) => sum + d.Counts);
        return new DeliveryStats(from, to, totals, series, BounceRateThreshold);
    }
}
