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
        await using var db = await OpenAsync(cancellationToken);
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
        await using var db = await OpenAsync(cancellationToken);
        var keys = await RankAsync(db, window, filter, by, top, cancellationToken);
        if (keys.Count == 0)
        {
            return [];
        }

        // Only the shown keys' rows: their buckets make both the sparkline and the totals.
        var keyOf = KeyOf(by);
        var shown = await Rows(db, window, filter, by, keys).ToListAsync(cancellationToken);
        var rowsByKey = shown.ToLookup(r => keyOf(r));
        var topReason = await TopReasonsAsync(db, window, filter, by, keys, cancellationToken);

        var buckets = window.Buckets().ToList();
        return [.. keys.Select(key =>
        {
            var perBucket = rowsByKey[key].ToDictionary(s => s.BucketStart);
            var rates = buckets.Select(b => perBucket.TryGetValue(b, out var s) && s.Processed - s.Rejected > 0
                ? Math.Round(100.0 * (s.SoftBounces + s.HardBounces) / (s.Processed - s.Rejected), 2)
                : (double?)null).ToList();
            var totals = perBucket.Values.Aggregate(DeliveryCounts.Empty, (sum, s) =>
                sum + new DeliveryCounts(s.Processed, s.Delivered, s.SoftBounces, s.HardBounces, s.Rejected, s.Complaints));
            return new BreakdownRow(key, totals, rates, topReason.GetValueOrDefault(key));
        })];
    }

    /// <summary>Bounce reasons in the window, most frequent first, with who must act on each.</summary>
    public async Task<IReadOnlyList<ReasonCount>> GetBounceReasonsAsync(ReportFilter filter, CancellationToken cancellationToken = default)
    {
        var window = filter.Resolve(time.GetUtcNow());
        await using var db = await OpenAsync(cancellationToken);
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
        await using var db = await OpenAsync(cancellationToken);
        var any = new ReportFilter { Range = filter.Range, From = filter.From, To = filter.To };
        Task<List<string>> Values(ReportDimension by, int top) => RankAsync(db, window, any, by, top, cancellationToken);
        return new ReportDimensionValues(
            [.. (await Values(ReportDimension.Sender, 200)).Order()],
            await Values(ReportDimension.Provider, 50),
            [.. (await Values(ReportDimension.Tag, 200)).Order()]);
    }

    /// <summary>
    /// A context for one report read, with the rollups' journal folded in first, so the figures are
    /// exact up to the last committed message. On PostgreSQL its connection stays open for the read
    /// and parallel plans are off on it: the planner overestimates how many rollup rows a keyed read
    /// returns (thousands for the few dozen it reads) and launched two workers for them, which cost
    /// 10–20 ms a statement on this scale, more than the reads. The pool resets the setting when the
    /// connection goes back.
    /// </summary>
    private async Task<DashboardDbContext> OpenAsync(CancellationToken cancellationToken)
    {
        var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        try
        {
            if (db.Provider == DatabaseProvider.Postgres)
            {
                await db.Database.OpenConnectionAsync(cancellationToken);
                await db.Database.ExecuteSqlRawAsync("SET max_parallel_workers_per_gather = 0", cancellationToken);
            }
            await RollupFolder.FoldAsync(db, cancellationToken);
            return db;
        }
        catch
        {
            await db.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// The <paramref name="top"/> keys of <paramref name="by"/> with mail in the window, busiest first
    /// (ties by name, in code-point order as the database's binary collation sorts). An hourly window
    /// is ranked in one statement over its rows. A daily one first reads an upper bound of every key's
    /// volume from the four-week rollups (a few rows per key, however dense the mail), then the exact
    /// totals only of the keys that can still reach the top, busiest bound first, in growing batches,
    /// until no key left can pass the last place. The long tail of recipient domains is most of the
    /// keys and almost never reaches the top, so the cost follows the keys, not the volume of mail.
    /// </summary>
    private static async Task<List<string>> RankAsync(
        DashboardDbContext db, ReportWindow window, ReportFilter filter, ReportDimension by, int top, CancellationToken cancellationToken)
    {
        if (window.Period != RollupPeriod.Day)
        {
            return [.. (await TotalsAsync(db, window, filter, by, keys: null, top, cancellationToken)).Select(t => t.Key)];
        }

        var bounds = await BoundsAsync(db, window, filter, by, cancellationToken);
        var exact = new List<(string Key, long Processed)>();
        var (next, batch) = (0, Math.Max(top, 32));
        while (next < bounds.Count)
        {
            if (exact.Count >= top)
            {
                // No key whose bound falls below the last place (or equals it with a later name) can enter.
                exact.Sort(Busiest);
                var (last, candidate) = (exact[top - 1], bounds[next]);
                if (Busiest(candidate, last) > 0)
                {
                    break;
                }
            }
            var keys = bounds.Skip(next).Take(batch).Select(b => b.Key).ToList();
            (next, batch) = (next + keys.Count, batch * 2);
            exact.AddRange(await TotalsAsync(db, window, filter, by, keys, keys.Count, cancellationToken));
        }
        exact.Sort(Busiest);
        return [.. exact.Take(top).Select(e => e.Key)];
    }

    /// <summary>
    /// Every key with mail in the four-week buckets that overlap the window, with its volume there:
    /// at least its volume in the window. Busiest first, as <see cref="Busiest"/> orders.
    /// </summary>
    private static async Task<List<(string Key, long Processed)>> BoundsAsync(
        DashboardDbContext db, ReportWindow window, ReportFilter filter, ReportDimension by, CancellationToken cancellationToken)
    {
        var fourWeeks = RollupSql.TicksOf(RollupPeriod.FourWeeks);
        var from = new DateTimeOffset(window.From.UtcTicks / fourWeeks * fourWeeks, TimeSpan.Zero);
        var rows = await Scope(db.DeliveryRollups.AsNoTracking(), RollupPeriod.FourWeeks, from, window.To, filter, by)
            .Select(Counted(by))
            .GroupBy(r => r.Key)
            .Select(g => new { g.Key, Processed = g.Sum(r => (long)r.Processed) })
            .Where(g => g.Processed > 0)
            .ToListAsync(cancellationToken);
        var bounds = rows.Select(r => (r.Key, r.Processed)).ToList();
        bounds.Sort(Busiest);
        return bounds;
    }

    /// <summary>
    /// The exact volume in the window of <paramref name="keys"/> (or of every key), the
    /// <paramref name="top"/> busiest, in one statement over the window's spans (a daily window as whole
    /// weeks plus the days at either end), reading only each row's key and processed count; the
    /// provider ranking index holds both.
    /// </summary>
    private static async Task<List<(string Key, long Processed)>> TotalsAsync(
        DashboardDbContext db, ReportWindow window, ReportFilter filter, ReportDimension by, List<string>? keys, int top, CancellationToken cancellationToken)
    {
        // Each span projected to the two columns before the UNION ALL, so a provider span reads its index alone.
        var rows = Spans(window).Select(s => Scope(db.DeliveryRollups.AsNoTracking(), s.Period, s.From, s.To, filter, by, keys).Select(Counted(by)))
            .Aggregate(Queryable.Concat);
        var ordinal = db.Provider == DatabaseProvider.Sqlite ? "BINARY" : "C";
        var totals = await rows.GroupBy(r => r.Key)
            .Select(g => new { g.Key, Processed = g.Sum(r => (long)r.Processed) })
            .Where(g => g.Processed > 0)
            .OrderByDescending(g => g.Processed).ThenBy(g => EF.Functions.Collate(g.Key, ordinal))
            .Take(top)
            .ToListAsync(cancellationToken);
        return [.. totals.Select(t => (t.Key, t.Processed))];
    }

    /// <summary>Busiest first, then by name in code-point order (the order of SQLite's BINARY and PostgreSQL's "C" collation over UTF-8).</summary>
    private static int Busiest((string Key, long Processed) a, (string Key, long Processed) b)
    {
        var byVolume = b.Processed.CompareTo(a.Processed);
        if (byVolume != 0)
        {
            return byVolume;
        }
        var (left, right) = (a.Key.EnumerateRunes(), b.Key.EnumerateRunes());
        while (true)
        {
            var (hasLeft, hasRight) = (left.MoveNext(), right.MoveNext());
            if (!hasLeft || !hasRight)
            {
                return hasLeft.CompareTo(hasRight);
            }
            var byRune = left.Current.Value.CompareTo(right.Current.Value);
            if (byRune != 0)
            {
                return byRune;
            }
        }
    }

    /// <summary>
    /// Each of <paramref name="keys"/>' most frequent bounce reason in the window, counted in SQL over
    /// the same spans as the ranking: a few rows per key and reason, not one per day.
    /// </summary>
    private static async Task<Dictionary<string, string>> TopReasonsAsync(
        DashboardDbContext db, ReportWindow window, ReportFilter filter, ReportDimension by, List<string> keys, CancellationToken cancellationToken)
    {
        var counts = new Dictionary<(string Key, string Reason), long>();
        foreach (var (period, from, to) in Spans(window))
        {
            // Grouped by every key column: the two the filter fixes do not split the groups.
            var part = await Scope(db.BounceReasonRollups.AsNoTracking(), period, from, to, filter, by, keys)
                .GroupBy(r => new { r.Tag, r.Sender, r.Provider, r.Reason })
                .Select(g => new { g.Key.Tag, g.Key.Sender, g.Key.Provider, g.Key.Reason, Count = g.Sum(r => r.Count) })
                .ToListAsync(cancellationToken);
            foreach (var g in part)
            {
                var key = (by switch { ReportDimension.Provider => g.Provider, ReportDimension.Sender => g.Sender, _ => g.Tag }, g.Reason);
                counts[key] = counts.GetValueOrDefault(key) + g.Count;
            }
        }
        return counts.Where(c => c.Value > 0).GroupBy(c => c.Key.Key)
            .ToDictionary(g => g.Key, g => g.OrderByDescending(c => c.Value).ThenBy(c => c.Key.Reason).First().Key.Reason);
    }

    /// <summary>The window as rollup spans: hourly windows as they are; daily ones as days, whole weeks, days.</summary>
    internal static IEnumerable<(RollupPeriod Period, DateTimeOffset From, DateTimeOffset To)> Spans(ReportWindow window)
    {
        if (window.Period != RollupPeriod.Day)
        {
            yield return (window.Period, window.From, window.To);
            yield break;
        }
        var week = RollupSql.TicksOf(RollupPeriod.Week);
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
    /// one of <paramref name="keys"/> when given, else every real value (or the filter's one).
    /// </summary>
    private static IQueryable<T> Scope<T>(IQueryable<T> rows, RollupPeriod period, DateTimeOffset from, DateTimeOffset to, ReportFilter filter, ReportDimension? by,
        List<string>? keys = null) where T : IRollupRow
    {
        var (tag, sender, provider) = (filter.Tag ?? DeliveryRollup.All, filter.Sender?.ToLowerInvariant() ?? DeliveryRollup.All, filter.Provider ?? DeliveryRollup.All);
        rows = rows.Where(r => r.Period == period && r.BucketStart >= from && r.BucketStart < to);
        if (by != ReportDimension.Tag) rows = rows.Where(r => r.Tag == tag);
        if (by != ReportDimension.Sender) rows = rows.Where(r => r.Sender == sender);
        if (by != ReportDimension.Provider) rows = rows.Where(r => r.Provider == provider);
        return (by, keys) switch
        {
            (null, _) => rows,
            // The keys alone, without the "every value" condition beside them: SQLite would take the
            // tag range for its index and read every tag's rows instead of seeking the keys.
            (ReportDimension.Provider, not null) => rows.Where(r => keys.Contains(r.Provider)),
            (ReportDimension.Sender, not null) => rows.Where(r => keys.Contains(r.Sender)),
            (_, not null) => rows.Where(r => keys.Contains(r.Tag)),
            (ReportDimension.Provider, null) => filter.Provider is null ? rows.Where(r => r.Provider != DeliveryRollup.All) : rows.Where(r => r.Provider == provider),
            (ReportDimension.Sender, null) => filter.Sender is null ? rows.Where(r => r.Sender != DeliveryRollup.All) : rows.Where(r => r.Sender == sender),
            // "> *", not "<> *": every tag sorts after "*" (see Tags), and a range skips the "any tag"
            // rows, which are most of the table, instead of reading past them.
            _ => filter.Tag is null ? rows.Where(r => string.Compare(r.Tag, DeliveryRollup.All) > 0) : rows.Where(r => r.Tag == tag),
        };
    }

    private static IQueryable<DeliveryRollup> Rows(DashboardDbContext db, ReportWindow window, ReportFilter filter, ReportDimension? by, List<string>? keys = null) =>
        Scope(db.DeliveryRollups.AsNoTracking(), window.Period, window.From, window.To, filter, by, keys);

    private static IQueryable<BounceReasonRollup> ReasonRows(DashboardDbContext db, ReportWindow window, ReportFilter filter, ReportDimension? by) =>
        Scope(db.BounceReasonRollups.AsNoTracking(), window.Period, window.From, window.To, filter, by);

    private static System.Linq.Expressions.Expression<Func<DeliveryRollup, KeyCount>> Counted(ReportDimension by) => by switch
    {
        ReportDimension.Provider => r => new KeyCount { Key = r.Provider, Processed = r.Processed },
        ReportDimension.Sender => r => new KeyCount { Key = r.Sender, Processed = r.Processed },
        _ => r => new KeyCount { Key = r.Tag, Processed = r.Processed },
    };

    /// <summary>A key and a processed count, as a ranking reads them.</summary>
    private sealed class KeyCount
    {
        public string Key { get; init; } = "";
        public int Processed { get; init; }
    }

    private static Func<IRollupRow, string> KeyOf(ReportDimension by) => by switch
    {
        ReportDimension.Provider => r => r.Provider,
        ReportDimension.Sender => r => r.Sender,
        _ => r => r.Tag,
    };
}
