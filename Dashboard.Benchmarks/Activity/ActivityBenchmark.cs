using System.Diagnostics;
using System.Globalization;
using Dashboard.Core.Activity;
using Dashboard.Core.Data;
using Dashboard.Core.Messages;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Dashboard.Benchmarks.Activity;

/// <summary>
/// Times every query the activity pages issue, through the same <see cref="ActivityQueryService"/>
/// the UI uses, at 100k and 1M messages, and prints p50/p95 per query and a summary line.
/// </summary>
internal static class ActivityBenchmark
{
    private const int Runs = 40;
    private const int ExportRuns = 5;
    private const int ExportRows = 10_000;

    public static async Task RunAsync(string[] args)
    {
        var sizes = args.SkipWhile(a => a != "--sizes").Skip(1).FirstOrDefault()?.Split(',').Select(int.Parse).ToArray()
            ?? [100_000, 1_000_000];
        var now = new DateTimeOffset(2026, 11, 20, 12, 0, 0, TimeSpan.Zero);
        var results = new Dictionary<int, Dictionary<string, (double P50, double P95)>>();

        foreach (var size in sizes)
        {
            var path = Path.Combine(Path.GetTempPath(), $"activity-bench-{size}-{Environment.ProcessId}.db");
            try
            {
                results[size] = await RunSizeAsync(path, size, now);
            }
            finally
            {
                SqliteConnection.ClearAllPools();
                var keep = Environment.GetEnvironmentVariable("ACTIVITY_BENCH_KEEP") == "1";
                foreach (var file in keep ? [] : new[] { path, path + "-wal", path + "-shm" })
                {
                    File.Delete(file);
                }
            }
        }

        Console.WriteLine();
        Console.WriteLine($"{"query",-48} " + string.Join(" ", sizes.Select(s => $"{Label(s) + " p50",10} {Label(s) + " p95",10}")));
        foreach (var name in results[sizes[0]].Keys)
        {
            Console.WriteLine($"{name,-48} " + string.Join(" ", sizes.Select(s => $"{results[s][name].P50,10:F2} {results[s][name].P95,10:F2}")));
        }
        if (sizes.Length >= 2)
        {
            var small = results[sizes[0]];
            var large = results[sizes[^1]];
            var worst = large.MaxBy(r => r.Value.P95);
            // Ratios of sub-millisecond timings are noise; floor the base at 1 ms.
            var worstRatio = large.Keys.Select(k => (Name: k, Ratio: large[k].P95 / Math.Max(small[k].P95, 1.0))).MaxBy(r => r.Ratio);
            Console.WriteLine($"(worst p95: {worst.Key}; worst ratio: {worstRatio.Name})");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"activity: worst p95 {worst.Value.P95:F1} ms at {Label(sizes[^1])}, worst {Label(sizes[^1])}/{Label(sizes[0])} ratio {worstRatio.Ratio:F2}"));
        }
    }

    private static async Task<Dictionary<string, (double, double)>> RunSizeAsync(string path, int size, DateTimeOffset now)
    {
        var connectionString = $"Data Source={path}";
        var options = new DbContextOptionsBuilder<DashboardDbContext>().UseSqlite(connectionString).Options;
        await using (var db = new DashboardDbContext(options))
        {
            await db.Database.MigrateAsync();
        }
        var load = Stopwatch.StartNew();
        var sample = ActivityDataGenerator.Fill(connectionString, size, now);
        Console.WriteLine($"{Label(size)}: generated {size:N0} messages and ~{size * 3:N0} events in {load.Elapsed.TotalSeconds:F1} s ({new FileInfo(path).Length / 1_048_576} MB)");

        var factory = new PooledDbContextFactory<DashboardDbContext>(options);
        var queries = new ActivityQueryService(factory, new FixedTime(now));
        var exporter = new ActivityCsvExporter(queries);

        var filters = new (string Name, ActivityFilter Filter, ActivitySort Sort)[]
        {
            ("no filter (7 days)", ActivityFilter.Default, ActivitySort.Time),
            ("range 24h", new() { Range = ActivityRange.Last24Hours }, ActivitySort.Time),
            ("range 30d", new() { Range = ActivityRange.Last30Days }, ActivitySort.Time),
            ("range custom (days 40-50 ago)", new() { Range = ActivityRange.Custom, From = now.AddDays(-50), To = now.AddDays(-40) }, ActivitySort.Time),
            ("status hard bounce", new() { Statuses = [MessageStatus.HardBounced] }, ActivitySort.Time),
            ("status soft+hard bounce", new() { Statuses = [MessageStatus.SoftBounced, MessageStatus.HardBounced] }, ActivitySort.Time),
            ("status rejected", new() { Statuses = [MessageStatus.Rejected] }, ActivitySort.Time),
            ("status delivered", new() { Statuses = [MessageStatus.Delivered] }, ActivitySort.Time),
            ("recipient", new() { Recipient = sample.Recipient }, ActivitySort.Time),
            ("domain gmail.com", new() { RecipientDomain = "gmail.com" }, ActivitySort.Time),
            ("domain small company", new() { RecipientDomain = sample.CompanyDomain }, ActivitySort.Time),
            ("sender", new() { Sender = ActivityDataGenerator.Senders[1] }, ActivitySort.Time),
            ("subject contains 'invoice'", new() { Subject = "invoice" }, ActivitySort.Time),
            ("free text name prefix", new() { Text = sample.NamePrefix }, ActivitySort.Time),
            ("free text public id", new() { Text = sample.PublicId }, ActivitySort.Time),
            ("combined 30d+hard/soft+gmail+sender", new() { Range = ActivityRange.Last30Days, Statuses = [MessageStatus.SoftBounced, MessageStatus.HardBounced], RecipientDomain = "gmail.com", Sender = ActivityDataGenerator.Senders[0] }, ActivitySort.Time),
            ("sort by recipient", ActivityFilter.Default, ActivitySort.Recipient),
            ("sort by status (hard+soft)", new() { Statuses = [MessageStatus.SoftBounced, MessageStatus.HardBounced] }, ActivitySort.Status),
        };

        var timings = new Dictionary<string, (double, double)>();
        foreach (var (name, filter, sort) in filters)
        {
            timings[$"list: {name}"] = await MeasureAsync(Runs, () => queries.ListAsync(new ActivityPageRequest(filter, 0, 50, sort)));
            timings[$"count: {name}"] = await MeasureAsync(Runs, () => queries.CountAsync(filter));
        }
        timings["list: no filter, page 100"] = await MeasureAsync(Runs, () => queries.ListAsync(new ActivityPageRequest(ActivityFilter.Default, 4_950, 50)));
        timings["list: hard bounces, page 20"] = await MeasureAsync(Runs, () => queries.ListAsync(new ActivityPageRequest(new ActivityFilter { Statuses = [MessageStatus.HardBounced] }, 950, 50)));

        var publicIds = (await queries.ListAsync(new ActivityPageRequest(new ActivityFilter { Range = ActivityRange.Last30Days, Statuses = [MessageStatus.HardBounced] }, 0, 50))).Select(r => r.PublicId).ToArray();
        var next = 0;
        timings["detail page (header + timeline)"] = await MeasureAsync(Runs, () => queries.GetDetailAsync(publicIds[next++ % publicIds.Length]));

        // An export of exactly 10,000 rows at every size: the window that holds the newest 10,000.
        var oldest = (await queries.ListAsync(new ActivityPageRequest(new ActivityFilter { Range = ActivityRange.Custom }, ExportRows - 1, 1))).Single();
        var exportFilter = new ActivityFilter { Range = ActivityRange.Custom, From = oldest.CreatedAt };
        timings["stream 10,000 rows (no CSV)"] = await MeasureAsync(ExportRuns, async () =>
        {
            var n = 0;
            await foreach (var _ in queries.StreamAsync(exportFilter))
            {
                n++;
            }
            return n;
        });
        long written = 0;
        timings["csv export 10,000 rows"] = await MeasureAsync(ExportRuns, async () =>
        {
            written = await exporter.WriteAsync(exportFilter, Stream.Null);
            return written;
        });
        if (Math.Abs(written - ExportRows) > 5)
        {
            throw new InvalidOperationException($"The export wrote {written} rows, not {ExportRows}.");
        }

        Console.WriteLine($"{Label(size)}: plan of the combined filter:");
        Console.Write(Indent(await queries.ExplainAsync(new ActivityPageRequest(filters[^3].Filter))));
        return timings;
    }

    private static async Task<(double P50, double P95)> MeasureAsync<T>(int runs, Func<Task<T>> query)
    {
        for (var i = 0; i < 3; i++)
        {
            await query();
        }
        var times = new double[runs];
        for (var i = 0; i < runs; i++)
        {
            var watch = Stopwatch.StartNew();
            await query();
            times[i] = watch.Elapsed.TotalMilliseconds;
        }
        Array.Sort(times);
        return (Percentile(times, 0.50), Percentile(times, 0.95));
    }

    private static double Percentile(double[] sorted, double p) => sorted[(int)Math.Ceiling(p * sorted.Length) - 1];

    private static string Label(int size) => size >= 1_000_000 ? $"{size / 1_000_000}M" : $"{size / 1000}k";

    private static string Indent(string text) => string.Concat(text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => "    " + l + "\n"));

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
