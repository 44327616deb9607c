using System.Diagnostics;
using System.Globalization;
using System.Net;

namespace Dashboard.Benchmarks.Web;

/// <summary>
/// <c>web [--app DLL[,DLL...]] [--rounds R] [--seconds S] [--warmup W] [--concurrency C] [--max-requests N] [--paths P,...]</c>:
/// the web app's steady-state request rate. Starts each given build of the web app (a Release
/// <c>Dashboard.dll</c>, in Production, over HTTPS on 127.0.0.1 with a throw-away self-signed
/// certificate, since Production cookies are Secure) on one small prepared database, signs in, and
/// for each path sends GETs from C concurrent loops: W seconds to warm up, then S seconds (or N
/// requests) counted. With several builds the rounds interleave them (A B A B …) so that other load on
/// the machine falls on both alike; the best round of each is reported, as requests per second of
/// wall time and per second of the server's own CPU time (less sensitive to other processes).
/// </summary>
internal static class WebBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        string Option(string name, string fallback) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault() ?? fallback;
        var apps = Option("--app", Path.Combine("Dashboard", "bin", "Release", "net10.0", "Dashboard.dll")).Split(',').Select(Path.GetFullPath).ToArray();
        var rounds = int.Parse(Option("--rounds", "3"), CultureInfo.InvariantCulture);
        var seconds = double.Parse(Option("--seconds", "5"), CultureInfo.InvariantCulture);
        var warmup = double.Parse(Option("--warmup", "3"), CultureInfo.InvariantCulture);
        var concurrency = int.Parse(Option("--concurrency", "4"), CultureInfo.InvariantCulture);
        var maxRequests = long.Parse(Option("--max-requests", "200000"), CultureInfo.InvariantCulture);
        var paths = Option("--paths", "/healthz,/activity").Split(',');
        foreach (var app in apps.Where(a => !File.Exists(a)))
        {
            await Console.Error.WriteLineAsync($"web: no build at {app} (dotnet build Dashboard -c Release)");
            return 2;
        }

        var folder = Directory.CreateTempSubdirectory("web-bench-").FullName;
        try
        {
            var database = Path.Combine(folder, "bench.db");
            using var certificate = LoopbackCertificate.Create(Path.Combine(folder, "loopback.pfx"));
            Console.WriteLine($"web: {Environment.ProcessorCount} cores, load average {LoadAverage()}; filling a small demo history…");
            await using (var seeding = await StartAsync(apps[0], database, certificate, demo: true))
            {
                await seeding.WaitForLogAsync(line => line.Contains("Demo history filled", StringComparison.Ordinal), TimeSpan.FromMinutes(5));
            }

            var best = new Dictionary<(string App, string Path), Measure>();
            for (var round = 1; round <= rounds; round++)
            {
                foreach (var app in apps)
                {
                    await using var server = await StartAsync(app, database, certificate, demo: false);
                    using var client = await SignedInClient.CreateAsync(server.BaseAddress, certificate);
                    foreach (var path in paths)
                    {
                        await LoadAsync(client, server, path, concurrency, TimeSpan.FromSeconds(warmup), long.MaxValue);
                        var measure = await LoadAsync(client, server, path, concurrency, TimeSpan.FromSeconds(seconds), maxRequests);
                        Console.WriteLine($"web: round {round} {Name(app)} {path}: {measure}");
                        if (!best.TryGetValue((app, path), out var b) || measure.PerSecond > b.PerSecond)
                        {
                            best[(app, path)] = measure;
                        }
                    }
                    Console.WriteLine($"web: round {round} {Name(app)}: server peak RSS {server.PeakRssMegabytes()} MB");
                }
            }
            Console.WriteLine($"web: load average {LoadAverage()}");
            foreach (var ((app, path), measure) in best)
            {
                Console.WriteLine($"web-bench: {Name(app)} {path}: best of {rounds}: {measure}");
            }
            return 0;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static string Name(string app) => Path.GetRelativePath(Environment.CurrentDirectory, app);

    private static string LoadAverage() => string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));

    /// <summary>The app in Production over HTTPS (its cookies are Secure there) on <paramref name="database"/>.</summary>
    private static Task<AppProcess> StartAsync(string app, string database, LoopbackCertificate certificate, bool demo) =>
        AppProcess.StartAsync(app, "https", new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Kestrel__Certificates__Default__Path"] = certificate.PfxPath,
            ["Kestrel__Certificates__Default__Password"] = certificate.PfxPassword,
            ["Database__Path"] = database,
            ["Bootstrap__AdminEmail"] = SignedInClient.Email,
            ["Bootstrap__AdminPassword"] = SignedInClient.Password,
            ["ReturnPath__SigningKey"] = "web-benchmark-signing-key-0123456789abcdef",
            ["Demo__Enabled"] = demo ? "true" : "false",
            ["Demo__HistoryDays"] = "14",
            ["Demo__MessagesPerDay"] = "50",
            ["Demo__LiveIntervalSeconds"] = "0",
            ["Logging__LogLevel__Default"] = "Warning",
            ["Logging__LogLevel__Dashboard.Core.Demo"] = "Information",
        });

    private sealed record Measure(long Requests, double Seconds, double ServerCpuSeconds)
    {
        public double PerSecond => Requests / Seconds;

        public override string ToString() =>
            $"{Requests} requests in {Seconds:0.00} s, {PerSecond:0} requests/s, server CPU {ServerCpuSeconds:0.00} s ({Requests / Math.Max(ServerCpuSeconds, 1e-3):0} requests per CPU-second)";
    }

    private static async Task<Measure> LoadAsync(HttpClient client, AppProcess server, string path, int concurrency, TimeSpan duration, long maxRequests)
    {
        long done = 0;
        var cpuBefore = server.CpuSeconds();
        var clock = Stopwatch.StartNew();
        var loops = Enumerable.Range(0, concurrency).Select(async _ =>
        {
            while (clock.Elapsed < duration && Interlocked.Read(ref done) < maxRequests)
            {
                using var response = await client.GetAsync(path, HttpCompletionOption.ResponseContentRead);
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    throw new InvalidOperationException($"GET {path} answered {(int)response.StatusCode}");
                }
                Interlocked.Increment(ref done);
            }
        });
        await Task.WhenAll(loops);
        clock.Stop();
        return new Measure(done, clock.Elapsed.TotalSeconds, server.CpuSeconds() - cpuBefore);
    }

}
