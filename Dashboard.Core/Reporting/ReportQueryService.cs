using Dashboard.Core.Classification;
using Dashboard.Core.Data;
using Dashboard.Core.Reporting.Rollups;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Reporting;

/// <summary>
/// The reports' figures, read from the rollups the database keeps on write (<see cref="RollupSql"/>):
/// a query reads one row per bucket and key, never the messages, so its cost follows the window
/// and the number of senders and providers, not the volume of mail.
/// </summary>
public sealed class ReportQueryService(IDbContextFactory<DashboardDbContext> dbFactory, TimeProvider time)
{
    /// <summary>The series (one point per hour or day, empty ones as zero) and totals for <paramref name="filter"/>.</summary>
    public async Task<ReportSeries> GetSeriesAsync(ReportFilter filter, CancellationToken cancellationToken = default)
    {
        var window = filter.Resolve(time.GetUtcNow());
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await RollupFolder.FoldAsync(db, cancellationToken);
        var rows = await Rows(db, window, filter, by: null)
            .Select(r => new { r.BucketStart, r.Processed, r.Delivered, r.SoftBounces, r.HardBounces, r.Rejected, r.Complaints })
            .ToListAsync(cancellationToken);
        var byBucket = rows.ToDictionary(r => r.BucketStart, r => new DeliveryCounts(r.Processed, r.Delivered, r.SoftBounces, r.HardBounces, r.Rejected, r.Complaints));
        var points = window.Buckets().Select(b => new ReportPoint(b, byBucket.GetValueOrDefault(b, DeliveryCounts.Empty))).ToList();
        return new ReportSeries(window, points, points.Aggregate(DeliveryCounts.Empty, (sum, p) => sum + p.Counts));
    }

    /// <summary>
    /// The <paramref name="top"/> providers, senders or tags by volume in the window, each with its
    /// totals, a bounce-rate sparkline and its most frequent bounce reason.
    /// </summary>
    public async Task<IReadOnlyList<BreakdownRow>> GetBreakdownAsync(ReportDimension by, ReportFilter filter, int top = 25, CancellationToken cancellationToken = default)
    {
        var window = filter.Resolve(time.GetUtcNow());
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await RollupFolder.FoldAsync(db, cancellationToken);
        var totals = (await TotalsAsync(db, window, filter, by, cancellationToken)).Take(top).ToList();
        if (totals.Count == 0)
        {
            return [];
        }

        var keys = totals.Select(t => t.Key).ToList();
        var keyOf = KeyOf<IRollupRow>(by).Compile();
        var spark = await In(Rows(db, window, filter, by), by, keys).ToListAsync(cancellationToken);
        var sparkByKey = spark.ToLookup(r => keyOf(r));
        var reasons = await In(ReasonRows(db, window, filter, by), by, keys).Where(r => r.Count != 0).ToListAsync(cancellationToken);
        var topReason = reasons.GroupBy(r => keyOf(r)).ToDictionary(g => g.Key, g => g.GroupBy(r => r.Reason)
            .Select(r => (Reason: r.Key, Count: r.Sum(x => x.Count))).Where(r => r.Count > 0)
            .OrderByDescending(r => r.Count).ThenBy(r => r.Reason).Select(r => r.Reason).FirstOrDefault());

        var buckets = window.Buckets().ToList();
        return [.. totals.Select(t =>
        {
            var perBucket = sparkByKey[t.Key].ToDictionary(s => s.BucketStart);
            var rates = buckets.Select(b => perBucket.TryGetValue(b, out var s) && s.Processed - s.Rejected > 0
                ? Math.Round(100.0 * (s.SoftBounces + s.HardBounces) / (s.Processed - s.Rejected), 2)
                : (double?)null).ToList();
            return new BreakdownRow(t.Key, t.Counts, rates, topReason.GetValueOrDefault(t.Key));
        })];
    }

    /// <summary>Bounce reasons in the window, most frequent first, with who must act on each.</summary>
    public async Task<IReadOnlyList<ReasonCount>> GetBounceReasonsAsync(ReportFilter filter, CancellationToken cancellationToken = default)
    {
        var window = filter.Resolve(time.GetUtcNow());
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await RollupFolder.FoldAsync(db, cancellationToken);
        var rows = await ReasonRows(db, window, filter, by: null)
            .GroupBy(r => new { r.Reason, r.IsHard })
            .Select(g => new { g.Key.Reason, g.Key.IsHard, Count = g.Sum(r => r.Count) })
            .Where(g => g.Count > 0)
            .ToListAsync(cancellationToken);
        return [.. rows.Select(r => new ReasonCount(r.Reason, r.IsHard, ReasonParties.For(r.Reason), r.Count))
            .OrderByDescending(r => r.Count).ThenBy(r => r.Reason)];
    }

    /// <summary>The senders, the busiest providers and the tags with mail in the window, for the filter pickers.</summary>
    public async Task<ReportDimensionValues> GetDimensionValuesAsync(ReportFilter filter, CancellationToken cancellationToken = default)
    {
        var window = filter.Resolve(time.GetUtcNow());
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await RollupFolder.FoldAsync(db, cancellationToken);
        var any = new ReportFilter { Range = filter.Range, From = filter.From, To = filter.To };
        async Task<List<string>> Values(ReportDimension by, int top) =>
            [.. (await TotalsAsync(db, window, any, by, cancellationToken)).Take(top).Select(t => t.Key)];
        return new ReportDimensionValues(
            [.. (await Values(ReportDimension.Sender, 200)).Order()],
            await Values(ReportDimension.Provider, 50),
            [.. (await Values(ReportDimension.Tag, 200)).Order()]);
    }

    /// <summary>
    /// Every key of <paramref name="by"/> with mail in the window, with its totals, busiest first.
    /// A daily window is read as whole weeks plus the days at either end, so a 90-day total reads
    /// about 25 rows per key instead of 90.
    /// </summary>
    private static async Task<List<(string Key, DeliveryCounts Counts)>> TotalsAsync(
        DashboardDbContext db, ReportWindow window, ReportFilter filter, ReportDimension by, CancellationToken cancellationToken)
    {
        var totals = new Dictionary<string, DeliveryCounts>(StringComparer.Ordinal);
        foreach (var (period, from, to) in Spans(window))
        {
            var part = await Scope(db.DeliveryRollups.AsNoTracking(), period, from, to, filter, by)
                .GroupBy(KeyOf<DeliveryRollup>(by))
                .Select(g => new
                {
                    g.Key,
                    Processed = g.Sum(r => r.Processed),
                    Delivered = g.Sum(r => r.Delivered),
                    Soft = g.Sum(r => r.SoftBounces),
                    Hard = g.Sum(r => r.HardBounces),
                    Rejected = g.Sum(r => r.Rejected),
                    Complaints = g.Sum(r => r.Complaints),
                })
                .ToListAsync(cancellationToken);
            foreach (var g in part)
            {
                totals[g.Key] = totals.GetValueOrDefault(g.Key, DeliveryCounts.Empty)
                    + new DeliveryCounts(g.Processed, g.Delivered, g.Soft, g.Hard, g.Rejected, g.Complaints);
            }
        }
        return [.. totals.Where(t => t.Value.Processed > 0).Select(t => (t.Key, t.Value))
            .OrderByDescending(t => t.Value.Processed).ThenBy(t => t.Key, StringComparer.Ordinal)];
    }

    /// <summary>The window as rollup spans: hourly windows as they are; daily ones as days, whole weeks, days.</summary>
    internal static IEnumerable<(RollupPeriod Period, DateTimeOffset From, DateTimeOffset To)> Spans(ReportWindow window)
    {
        if (window.Period != RollupPeriod.Day)
        {
            yield return (window.Period, window.From, window.To);
            yield break;
        }
        const long week = 7 * TimeSpan.TicksPerDay;
        var firstWeek = (window.From.UtcTicks + week - 1) / week * week;
        var lastWeekEnd = window.To.UtcTicks / week * week;
        if (firstWeek >= lastWeekEnd)
        {
            yield return (RollupPeriod.Day, window.From, window.To);
            yield break;
        }
        var (weeksFrom, weeksTo) = (new DateTimeOffset(firstWeek, TimeSpan.Zero), new DateTimeOffset(lastWeekEnd, TimeSpan.Zero));
        if (window.From < weeksFrom) yield return (RollupPeriod.Day, window.From, weeksFrom);
        yield return (RollupPeriod.Week, weeksFrom, weeksTo);
        if (weeksTo < window.To) yield return (RollupPeriod.Day, weeksTo, window.To);
    }

    /// <summary>
    /// The rollup rows of the window for the filter: each key column is the filter's value, or "*"
    /// (any) when the filter leaves it open, except the one grouped <paramref name="by"/>, which is
    /// every real value (or the filter's one).
    /// </summary>
    private static IQueryable<T> Scope<T>(IQueryable<T> rows, RollupPeriod period, DateTimeOffset from, DateTimeOffset to, ReportFilter filter, ReportDimension? by) where T : IRollupRow
    {
        var (tag, sender, provider) = (filter.Tag ?? DeliveryRollup.All, filter.Sender?.ToLowerInvariant() ?? DeliveryRollup.All, filter.Provider ?? DeliveryRollup.All);
        rows = rows.Where(r => r.Period == period && r.BucketStart >= from && r.BucketStart < to);
        // "> *", not "<> *": every tag sorts after "*" (see Tags), and a range skips the "any tag" rows,
        // which are most of the table, instead of reading past them.
        rows = by == ReportDimension.Tag && filter.Tag is null ? rows.Where(r => string.Compare(r.Tag, DeliveryRollup.All) > 0) : rows.Where(r => r.Tag == tag);
        rows = by == ReportDimension.Sender && filter.Sender is null ? rows.Where(r => r.Sender != DeliveryRollup.All) : rows.Where(r => r.Sender == sender);
        rows = by == ReportDimension.Provider && filter.Provider is null ? rows.Where(r => r.Provider != DeliveryRollup.All) : rows.Where(r => r.Provider == provider);
        return rows;
    }

    private static IQueryable<DeliveryRollup> Rows(DashboardDbContext db, ReportWindow window, ReportFilter filter, ReportDimension? by) =>
        Scope(db.DeliveryRollups.AsNoTracking(), window.Period, window.From, window.To, filter, by);

    private static IQueryable<BounceReasonRollup> ReasonRows(DashboardDbContext db, ReportWindow window, ReportFilter filter, ReportDimension? by) =>
        Scope(db.BounceReasonRollups.AsNoTracking(), window.Period, window.From, window.To, filter, by);

    private static System.Linq.Expressions.Expression<Func<T, string>> KeyOf<T>(ReportDimension by) where T : IRollupRow => by switch
    {
        ReportDimension.Provider => r => r.Provider,
        ReportDimension.Sender => r => r.Sender,
        _ => r => r.Tag,
    };

    private static IQueryable<T> In<T>(IQueryable<T> rows, ReportDimension by, List<string> keys) where T : IRollupRow => by switch
    {
        ReportDimension.Provider => rows.Where(r => keys.Contains(r.Provider)),
        ReportDimension.Sender => rows.Where(r => keys.Contains(r.Sender)),
        _ => rows.Where(r => keys.Contains(r.Tag)),
    };
}
