using Dashboard.Core.Data;
using Dashboard.Core.Messages;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Reporting;

/// <summary>Bounce-rate figures aggregated in SQL (one GROUP BY day, status), never loading messages.</summary>
public sealed class BounceRateQuery(IDbContextFactory<DashboardDbContext> dbFactory, TimeProvider time)
{
    /// <summary>The last <paramref name="days"/> UTC days, today included.</summary>
    public Task<BounceRateReport> LastDaysAsync(int days = 30, CancellationToken cancellationToken = default)
    {
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        return GetAsync(today.AddDays(1 - days), today, cancellationToken);
    }

    /// <summary>Figures for messages created from <paramref name="firstDay"/> to <paramref name="lastDay"/> (UTC, inclusive).</summary>
    public async Task<BounceRateReport> GetAsync(DateOnly firstDay, DateOnly lastDay, CancellationToken cancellationToken = default)
    {
        var from = new DateTimeOffset(firstDay.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).UtcTicks;
        var to = new DateTimeOffset(lastDay.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).UtcTicks;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        // CreatedAt is stored as UTC ticks, so the day is an integer division.
        var rows = await db.Database.SqlQuery<StatusCountRow>($"""
            SELECT "CreatedAt" / {TimeSpan.TicksPerDay} AS "Day", "Status" AS "Status", COUNT(*) AS "Count"
            FROM "Messages"
            WHERE "CreatedAt" >= {from} AND "CreatedAt" < {to}
            GROUP BY "CreatedAt" / {TimeSpan.TicksPerDay}, "Status"
            """).ToListAsync(cancellationToken);

        // UTC ticks count from 0001-01-01, as DateOnly day numbers do.
        var byDay = rows.ToLookup(r => DateOnly.FromDayNumber((int)r.Day));
        var days = new List<DailyBounceRate>();
        for (var day = firstDay; day <= lastDay; day = day.AddDays(1))
        {
            days.Add(Summarise(day, byDay[day]));
        }
        var processed = days.Sum(d => d.Processed);
        var delivered = days.Sum(d => d.Delivered);
        var hard = days.Sum(d => d.HardBounces);
        var soft = days.Sum(d => d.SoftBounces);
        var rejected = days.Sum(d => d.Rejected);
        return new BounceRateReport(processed, delivered, hard, soft, rejected, Rate(delivered, hard, soft), days);
    }

    private static DailyBounceRate Summarise(DateOnly day, IEnumerable<StatusCountRow> rows)
    {
        int processed = 0, delivered = 0, hard = 0, soft = 0, rejected = 0;
        foreach (var row in rows)
        {
            processed += row.Count;
            switch ((MessageStatus)row.Status)
            {
                case MessageStatus.Delivered or MessageStatus.Complained or MessageStatus.Unsubscribed:
                    delivered += row.Count;
                    break;
                case MessageStatus.HardBounced:
                    hard += row.Count;
                    break;
                case MessageStatus.SoftBounced:
                    soft += row.Count;
                    break;
                case MessageStatus.Rejected:
                    rejected += row.Count;
                    break;
            }
        }
        return new DailyBounceRate(day, processed, delivered, hard, soft, rejected, Rate(delivered, hard, soft));
    }

    private static double Rate(int delivered, int hard, int soft)
    {
        var attempted = delivered + hard + soft;
        return attempted == 0 ? 0 : (double)(hard + soft) / attempted;
    }

}

/// <summary>One (day, status, count) row of the aggregate.</summary>
internal sealed record StatusCountRow(long Day, int Status, int Count);
