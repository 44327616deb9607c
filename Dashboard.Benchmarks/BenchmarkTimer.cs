using System.Diagnostics;
using System.Globalization;

namespace Dashboard.Benchmarks;

/// <summary>
/// Times named queries at several database sizes and prints p50/p95 per query and a summary line.
/// Runs alternate between the sizes, so a busy neighbour on the machine slows both alike.
/// </summary>
internal static class BenchmarkTimer
{
    public static async Task<Dictionary<string, (double P50, double P95)>[]> MeasureAsync(int[] sizes, List<IReadOnlyList<(string Name, int Runs, Func<Task> Run)>> workloads)
    {
        var results = sizes.Select(_ => new Dictionary<string, (double P50, double P95)>()).ToArray();
        for (var q = 0; q < workloads[0].Count; q++)
        {
            var (name, runs, _) = workloads[0][q];
            var times = sizes.Select(_ => new double[runs]).ToArray();
            for (var s = 0; s < sizes.Length; s++)
            {
                for (var w = 0; w < 3; w++) await workloads[s][q].Run();
            }
            // Start each query with no collection owed by the one before (the export allocates
            // megabytes), so a pause it caused is not timed against this one.
            GC.Collect();
            GC.WaitForPendingFinalizers();
            for (var r = 0; r < runs; r++)
            {
                for (var s = 0; s < sizes.Length; s++)
                {
                    var watch = Stopwatch.StartNew();
                    await workloads[s][q].Run();
                    times[s][r] = watch.Elapsed.TotalMilliseconds;
                }
            }
            for (var s = 0; s < sizes.Length; s++)
            {
                Array.Sort(times[s]);
                results[s][name] = (Percentile(times[s], 0.50), Percentile(times[s], 0.95));
            }
        }
        return results;
    }

    public static void Print(string verb, int[] sizes, Dictionary<string, (double P50, double P95)>[] results)
    {
        Console.WriteLine();
        Console.WriteLine($"{"query (ms)",-48} " + string.Join(" ", sizes.Select(s => $"{Label(s) + " p50",10} {Label(s) + " p95",10}")));
        foreach (var name in results[0].Keys)
        {
            Console.WriteLine($"{name,-48} " + string.Join(" ", results.Select(r => $"{r[name].P50,10:F2} {r[name].P95,10:F2}")));
        }
        if (sizes.Length < 2)
        {
            return;
        }
        var small = results[0];
        var large = results[^1];
        var worst = large.MaxBy(r => r.Value.P95);
        // Ratios of sub-millisecond timings are noise; the base is floored at 1 ms.
        var worstRatio = large.Keys.Select(k => (Name: k, Ratio: large[k].P95 / Math.Max(small[k].P95, 1.0))).MaxBy(r => r.Ratio);
        var unfloored = large.Keys.Select(k => (Name: k, Ratio: large[k].P95 / small[k].P95)).MaxBy(r => r.Ratio);
        Console.WriteLine($"(worst p95: {worst.Key}; worst ratio: {worstRatio.Name}; without the 1 ms floor the largest p95 ratio is "
            + string.Create(CultureInfo.InvariantCulture, $"{unfloored.Ratio:F2}, {unfloored.Name}: {small[unfloored.Name].P95:F2} -> {large[unfloored.Name].P95:F2} ms)"));
        // Other work on the machine shows in p95 first; the load average says how busy it was.
        if (File.Exists("/proc/loadavg"))
        {
            Console.WriteLine($"load average at the end: {File.ReadAllText("/proc/loadavg").Trim()}");
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{verb}: worst p95 {worst.Value.P95:F1} ms at {Label(sizes[^1])}, worst {Label(sizes[^1])}/{Label(sizes[0])} ratio {worstRatio.Ratio:F2}"));
    }

    public static string Label(int size) => size >= 1_000_000 ? $"{size / 1_000_000}M" : $"{size / 1000}k";

    private static double Percentile(double[] sorted, double p) => sorted[(int)Math.Ceiling(p * sorted.Length) - 1];
}

/// <summary>A clock stopped at one instant.</summary>
internal sealed class FixedTime(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
