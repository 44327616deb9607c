using System.Globalization;

namespace Dashboard.Benchmarks.Web;

/// <summary>
/// <c>circuits [--app DLL] [--pages 50] [--path "activity?range=30d"] [--ready "tbody tr.mud-table-row"] [--retention-seconds 180] [--hold-seconds 0]</c>:
/// what one Blazor circuit holds in the app. Starts the built web app as its own process (as the
/// live benchmark does, with a few hundred messages so the grid has rows), opens the pages in
/// signed-in chromium, waits on each until <c>--ready</c> matches (the activity rows; "" waits only
/// for the circuit), and prints the app's memory growth per circuit after a forced full GC in
/// the app. Then closes the pages and prints the memory right after and once the circuit
/// retention (CircuitOptions.DisconnectedCircuitRetentionPeriod, 3 minutes unless configured)
/// has passed, to show the circuits are freed.
/// </summary>
internal static class CircuitsBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        string Option(string name, string fallback) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault() ?? fallback;
        var app = Path.GetFullPath(Option("--app", Path.Combine("Dashboard", "bin", "Release", "net10.0", "Dashboard.dll")));
        var pages = int.Parse(Option("--pages", "50"), CultureInfo.InvariantCulture);
        var path = Option("--path", "activity?range=30d");
        var ready = Option("--ready", "tbody tr.mud-table-row") is { Length: > 0 } selector ? selector : null;
        var retention = TimeSpan.FromSeconds(double.Parse(Option("--retention-seconds", "180"), CultureInfo.InvariantCulture));
        if (!File.Exists(app))
        {
            await Console.Error.WriteLineAsync($"circuits: no build at {app} (dotnet build Dashboard -c Release)");
            return 2;
        }

        var folder = Directory.CreateTempSubdirectory("circuits-bench-").FullName;
        try
        {
            await using var server = await LiveBenchmark.StartAsync(app, Path.Combine(folder, "circuits.db"));
            Console.WriteLine($"circuits: {Environment.ProcessorCount} cores, load average {LiveBenchmark.LoadAverage()}; sending 300 messages for the grid…");
            using (var api = LiveBenchmark.ApiClient(server.BaseAddress))
            {
                await LiveBenchmark.SendAsync(api, 300, "circuits");
            }
            await using var viewers = await ActivityViewers.SignInAsync(server.BaseAddress, SignedInClient.Email, SignedInClient.Password);
            // Two pages first, left with their beacons, so the baseline has the page's code loaded and jitted.
            await viewers.OpenAsync(2, path, ready);
            await viewers.LeaveAllAsync();
            await Task.Delay(TimeSpan.FromSeconds(3));

            var before = await AppMemory.AfterGcAsync(server.Id);
            Console.WriteLine($"circuits: before: {before}");
            await viewers.OpenAsync(pages, path, ready);
            await Task.Delay(TimeSpan.FromSeconds(5));
            var open = await AppMemory.AfterGcAsync(server.Id);
            Console.WriteLine($"circuits: {pages} pages open on /{path}: {open}");
            var growth = open.Minus(before);
            Console.WriteLine($"circuits-bench: per circuit: {growth.Per(pages)} (target < 1 MB; load average {LiveBenchmark.LoadAverage()})");
            if (Option("--hold-seconds", "0") is var hold && hold != "0")
            {
                // Time to look inside with the pages open (dotnet-gcdump collect -p PID).
                Console.WriteLine($"circuits: holding the pages open {hold} s; app process id {server.Id}");
                await Task.Delay(TimeSpan.FromSeconds(double.Parse(hold, CultureInfo.InvariantCulture)));
            }

            await viewers.CloseAllAsync();
            await Task.Delay(TimeSpan.FromSeconds(5));
            Console.WriteLine($"circuits: pages closed 5 s ago: {await AppMemory.AfterGcAsync(server.Id)}");
            await Task.Delay(retention + TimeSpan.FromSeconds(15));
            var after = await AppMemory.AfterGcAsync(server.Id);
            Console.WriteLine($"circuits: pages closed {(retention + TimeSpan.FromSeconds(20)).TotalSeconds:F0} s ago (retention {retention.TotalSeconds:F0} s): {after}");
            Console.WriteLine($"circuits-bench: left after the retention, per closed circuit: {after.Minus(before).Per(pages)}");
            return 0;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
