using System.Diagnostics;
using Dashboard.Benchmarks.Activity;
using Dashboard.Core.Alerts;
using Dashboard.Core.Data;
using Dashboard.Core.Reporting;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Options;

namespace Dashboard.Benchmarks.Reports;

/// <summary>
/// Times every query of the Reports page and the alert checks, through the same services the app
/// uses, at 100k and 1M messages (or --sizes; SQLite, or PostgreSQL with --provider postgres) (the activity benchmark's data: 90 days, 8 senders, 10 big
/// providers and 2,000 company domains), and prints p50/p95 per query and the summary line.
/// </summary>
internal static class ReportsBenchmark
{
    private const int Runs = 50;

    public static async Task RunAsync(string[] args)
    {
        var sizes = args.SkipWhile(a => a != "--sizes").Skip(1).FirstOrDefault()?.Split(',').Select(int.Parse).ToArray()
            ?? [100_000, 1_000_000];
        var now = new DateTimeOffset(2026, 11, 20, 12, 0, 0, TimeSpan.Zero);
        // REPORTS_BENCH_KEEP=1 leaves the databases behind, to EXPLAIN the queries against them.
        var keep = Environment.GetEnvironmentVariable("REPORTS_BENCH_KEEP") == "1";
        var provider = BenchmarkDatabase.ProviderFrom(args);
        Console.WriteLine($"provider: {provider.ToString().ToLowerInvariant()}");
        var databases = new List<BenchmarkDatabase>();
        try
        {
            var workloads = new List<IReadOnlyList<(string Name, int Runs, Func<Task> Run)>>();
            foreach (var size in sizes)
            {
                databases.Add(await BenchmarkDatabase.CreateAsync(provider, "reports", size, keep));
                workloads.Add(await PrepareAsync(databases[^1], size, now));
            }
            BenchmarkTimer.Print($"reports ({provider.ToString().ToLowerInvariant()})", sizes, await BenchmarkTimer.MeasureAsync(sizes, workloads));
        }
        finally
        {
            foreach (var database in databases)
            {
                await database.DisposeAsync();
            }
        }
    }

    private static async Task<IReadOnlyList<(string Name, int Runs, Func<Task> Run)>> PrepareAsync(BenchmarkDatabase database, int size, DateTimeOffset now)
    {
        var load = Stopwatch.StartNew();
        if (!database.Reused)
        {
            ActivityDataGenerator.Fill(database.Provider, database.ConnectionString, size, now);
        }
        await using (var db = new DashboardDbContext(database.Options))
        {
            var rollups = await db.DeliveryRollups.CountAsync();
            Console.WriteLine($"{BenchmarkTimer.Label(size)}: generated {size:N0} messages and counted {rollups:N0} rollup rows in {load.Elapsed.TotalSeconds:F1} s ({await database.MegabytesAsync()} MB)");
        }

        var factory = new PooledDbContextFactory<DashboardDbContext>(database.Options);
        var time = new FixedTime(now);
        var reports = new ReportQueryService(factory, time);
        var alerts = new AlertEvaluator(factory, new Fixed<AlertOptions>(new AlertOptions()));
        var sender = ActivityDataGenerator.Senders[0];

        var workload = new List<(string, int, Func<Task>)>();
        foreach (var (label, range) in new[] { ("24h", ReportRange.Last24Hours), ("7d", ReportRange.Last7Days), ("30d", ReportRange.Last30Days), ("90d", ReportRange.Last90Days) })
        {
            workload.Add(($"series {label}", Runs, () => reports.GetSeriesAsync(new ReportFilter { Range = range })));
        }
        var days90 = new ReportFilter { Range = ReportRange.Last90Days };
        workload.Add(("series 90d, sender", Runs, () => reports.GetSeriesAsync(days90 with { Sender = sender })));
        workload.Add(("series 90d, provider Google", Runs, () => reports.GetSeriesAsync(days90 with { Provider = "Google" })));
        workload.Add(("series 90d, sender + provider", Runs, () => reports.GetSeriesAsync(days90 with { Sender = sender, Provider = "Microsoft" })));
        workload.Add(("providers 90d", Runs, () => reports.GetBreakdownAsync(ReportDimension.Provider, days90)));
        workload.Add(("providers 90d, sender", Runs, () => reports.GetBreakdownAsync(ReportDimension.Provider, days90 with { Sender = sender })));
        workload.Add(("providers 24h", Runs, () => reports.GetBreakdownAsync(ReportDimension.Provider, new ReportFilter { Range = ReportRange.Last24Hours })));
        workload.Add(("senders 90d", Runs, () => reports.GetBreakdownAsync(ReportDimension.Sender, days90)));
        workload.Add(("senders 90d, provider", Runs, () => reports.GetBreakdownAsync(ReportDimension.Sender, days90 with { Provider = "Yahoo" })));
        workload.Add(("tags 90d", Runs, () => reports.GetBreakdownAsync(ReportDimension.Tag, days90)));
        workload.Add(("providers 90d, tag", Runs, () => reports.GetBreakdownAsync(ReportDimension.Provider, days90 with { Tag = "newsletter" })));
        workload.Add(("bounce reasons 90d", Runs, () => reports.GetBounceReasonsAsync(days90)));
        workload.Add(("filter pickers 90d", Runs, () => reports.GetDimensionValuesAsync(days90)));
        workload.Add(("alert rules (24 h, cluster, provider block)", Runs, () => alerts.ReadAsync(now)));
        // The generated mail ends at "now", so its hour is empty; the hour before has every provider's mail.
        workload.Add(("alert rules, at the end of a busy hour", Runs, () => alerts.ReadAsync(now.AddTicks(-1))));
        return workload;
    }

    private sealed class Fixed<T>(T value) : IOptionsMonitor<T>
    {
        public T CurrentValue => value;

        public T Get(string? name) => value;

        public IDisposable? OnChange(Action<T, string?> listener) => null;
    }
}
