using System.Diagnostics;
using System.Globalization;
using Dashboard.Core.Activity;
using Dashboard.Core.Data;
using Dashboard.Core.Messages;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Dashboard.Benchmarks.Activity;

/// <summary>
/// Times every query the activity pages issue, through the same <see cref="ActivityQueryService"/>
/// the UI uses, at 100k and 1M messages (or --sizes), on SQLite or (--provider postgres) PostgreSQL, and prints p50/p95 per query and a summary line. Runs
/// alternate between the sizes, so a busy neighbour on the machine slows both alike.
/// </summary>
internal static class ActivityBenchmark
{
    private const int Runs = 100;
    private const int ExportRuns = 30; // p95 of 30: the second slowest; 10 runs measured mostly the JIT's first tiers
    private const int ExportRows = 10_000;

    public static async Task RunAsync(string[] args)
    {
        var sizes = args.SkipWhile(a => a != "--sizes").Skip(1).FirstOrDefault()?.Split(',').Select(int.Parse).ToArray()
            ?? [100_000, 1_000_000];
        var now = new DateTimeOffset(2026, 11, 20, 12, 0, 0, TimeSpan.Zero);
        var keep = Environment.GetEnvironmentVariable("ACTIVITY_BENCH_KEEP") == "1";
        var provider = BenchmarkDatabase.ProviderFrom(args);
        Console.WriteLine($"provider: {provider.ToString().ToLowerInvariant()}");
        var databases = new List<BenchmarkDatabase>();
        try
        {
            var workloads = new List<IReadOnlyList<(string Name, int Runs, Func<Task> Run)>>();
            foreach (var size in sizes)
            {
                databases.Add(await BenchmarkDatabase.CreateAsync(provider, "activity", size, keep));
                workloads.Add(await PrepareAsync(databases[^1], size, now));
            }

            BenchmarkTimer.Print($"activity ({provider.ToString().ToLowerInvariant()})", sizes, await BenchmarkTimer.MeasureAsync(sizes, workloads));
        }
        finally
        {
            foreach (var database in databases)
            {
                await database.DisposeAsync();
            }
        }
    }

    /// <summary>Generates one database and returns the UI's queries against it, in a fixed order.</summary>
    private static async Task<IReadOnlyList<(string Name, int Runs, Func<Task> Run)>> PrepareAsync(BenchmarkDatabase database, int size, DateTimeOffset now)
    {
        var load = Stopwatch.StartNew();
        var sample = database.Reused ? ActivityDataGenerator.Sample(size, now) : ActivityDataGenerator.Fill(database.Provider, database.ConnectionString, size, now);
        Console.WriteLine($"{Label(size)}: generated {size:N0} messages and ~{size * 3:N0} events in {load.Elapsed.TotalSeconds:F1} s ({await database.MegabytesAsync()} MB)");

        var factory = new PooledDbContextFactory<DashboardDbContext>(database.Options);
        var queries = new ActivityQueryService(factory, new FixedTime(now));
        var exporter = new ActivityCsvExporter(queries);

        var combined = new ActivityFilter
        {
            Range = ActivityRange.Last30Days,
            Statuses = [MessageStatus.SoftBounced, MessageStatus.HardBounced],
            RecipientDomain = "gmail.com",
            Sender = ActivityDataGenerator.Senders[0],
        };
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
            ("combined 30d+hard/soft+gmail+sender", combined, ActivitySort.Time),
            ("sort by recipient", ActivityFilter.Default, ActivitySort.Recipient),
            ("sort by status (hard+soft)", new() { Statuses = [MessageStatus.SoftBounced, MessageStatus.HardBounced] }, ActivitySort.Status),
        };

        var workload = new List<(string, int, Func<Task>)>();
        foreach (var (name, filter, sort) in filters)
        {
            workload.Add(($"list: {name}", Runs, () => queries.ListAsync(new ActivityPageRequest(filter, 0, 50, sort))));
            workload.Add(($"count: {name}", Runs, () => queries.CountAsync(filter)));
        }
        workload.Add(("list: no filter, page 100", Runs, () => queries.ListAsync(new ActivityPageRequest(ActivityFilter.Default, 4_950, 50))));
        workload.Add(("list: hard bounces 30d, page 20", Runs, () => queries.ListAsync(new ActivityPageRequest(new ActivityFilter { Range = ActivityRange.Last30Days, Statuses = [MessageStatus.HardBounced] }, 950, 50))));

        var publicIds = (await queries.ListAsync(new ActivityPageRequest(new ActivityFilter { Range = ActivityRange.Last30Days, Statuses = [MessageStatus.HardBounced] }, 0, 50))).Select(r => r.PublicId).ToArray();
        var next = 0;
        workload.Add(("detail page (header + timeline)", Runs, () => queries.GetDetailAsync(publicIds[next++ % publicIds.Length])));

        // An export of exactly 10,000 rows at every size: the window that holds the newest 10,000.
        var oldest = (await queries.ListAsync(new ActivityPageRequest(new ActivityFilter { Range = ActivityRange.Custom }, ExportRows - 1, 1))).Single();
        var exportFilter = new ActivityFilter { Range = ActivityRange.Custom, From = oldest.CreatedAt };
        workload.Add(("csv export 10,000 rows", ExportRuns, async () =>
        {
            var written = await exporter.WriteAsync(exportFilter, Stream.Null);
            if (Math.Abs(written - ExportRows) > 5)
            {
                throw new InvalidOperationException($"The export wrote {written} rows, not {ExportRows}.");
            }
        }));

        Console.WriteLine($"{Label(size)}: plan of the combined filter's page:");
        Console.Write(Indent(await queries.ExplainAsync(new ActivityPageRequest(combined))));
        return workload;
    }

    private static string Label(int size) => BenchmarkTimer.Label(size);

    private static string Indent(string text) => string.Concat(text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => "    " + l + "\n"));
}
