using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

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
internal static partial class WebBenchmark
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
            await using (var seeding = await Server.StartAsync(apps[0], database, certificate, demo: true))
            {
                await seeding.WaitForLogAsync(line => line.Contains("Demo history filled", StringComparison.Ordinal), TimeSpan.FromMinutes(5));
            }

            var best = new Dictionary<(string App, string Path), Measure>();
            for (var round = 1; round <= rounds; round++)
            {
                foreach (var app in apps)
                {
                    await using var server = await Server.StartAsync(app, database, certificate, demo: false);
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

    private sealed record Measure(long Requests, double Seconds, double ServerCpuSeconds)
    {
        public double PerSecond => Requests / Seconds;

        public override string ToString() =>
            $"{Requests} requests in {Seconds:0.00} s, {PerSecond:0} requests/s, server CPU {ServerCpuSeconds:0.00} s ({Requests / Math.Max(ServerCpuSeconds, 1e-3):0} requests per CPU-second)";
    }

    private static async Task<Measure> LoadAsync(HttpClient client, Server server, string path, int concurrency, TimeSpan duration, long maxRequests)
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

    /// <summary>A web app process on a free loopback port, stopped (killed) on dispose.</summary>
    private sealed class Server : IAsyncDisposable
    {
        private readonly Process process;
        private readonly List<string> log = [];
        private readonly SemaphoreSlim logged = new(0);

        private Server(Process process, Uri baseAddress)
        {
            this.process = process;
            BaseAddress = baseAddress;
            process.OutputDataReceived += (_, e) => Add(e.Data);
            process.ErrorDataReceived += (_, e) => Add(e.Data);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
        }

        public Uri BaseAddress { get; }

        public static async Task<Server> StartAsync(string app, string database, LoopbackCertificate certificate, bool demo)
        {
            var port = FreePort();
            var start = new ProcessStartInfo("dotnet", [app])
            {
                WorkingDirectory = Path.GetDirectoryName(app)!,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
            start.Environment["ASPNETCORE_URLS"] = $"https://127.0.0.1:{port}";
            start.Environment["Kestrel__Certificates__Default__Path"] = certificate.PfxPath;
            start.Environment["Kestrel__Certificates__Default__Password"] = certificate.PfxPassword;
            start.Environment["Database__Path"] = database;
            start.Environment["Bootstrap__AdminEmail"] = SignedInClient.Email;
            start.Environment["Bootstrap__AdminPassword"] = SignedInClient.Password;
            start.Environment["ReturnPath__SigningKey"] = "web-benchmark-signing-key-0123456789abcdef";
            start.Environment["Demo__Enabled"] = demo ? "true" : "false";
            start.Environment["Demo__HistoryDays"] = "14";
            start.Environment["Demo__MessagesPerDay"] = "50";
            start.Environment["Demo__LiveIntervalSeconds"] = "0";
            start.Environment["Logging__LogLevel__Default"] = "Warning";
            start.Environment["Logging__LogLevel__Dashboard.Core.Demo"] = "Information";
            var server = new Server(Process.Start(start)!, new Uri($"https://127.0.0.1:{port}"));
            using var probe = new HttpClient(new SocketsHttpHandler { SslOptions = { RemoteCertificateValidationCallback = (_, _, _, _) => true } })
            {
                BaseAddress = server.BaseAddress,
                Timeout = TimeSpan.FromSeconds(5),
            };
            var deadline = Stopwatch.StartNew();
            while (true)
            {
                if (server.process.HasExited)
                {
                    throw new InvalidOperationException($"the web app stopped at start:\n{server.Log()}");
                }
                try
                {
                    if ((await probe.GetAsync("/healthz")).IsSuccessStatusCode)
                    {
                        return server;
                    }
                }
                catch (HttpRequestException)
                {
                    // Not listening yet.
                }
                catch (TaskCanceledException)
                {
                    // Busy starting.
                }
                if (deadline.Elapsed > TimeSpan.FromMinutes(2))
                {
                    await server.DisposeAsync();
                    throw new TimeoutException($"the web app did not answer /healthz within 2 minutes:\n{server.Log()}");
                }
                await Task.Delay(200);
            }
        }

        public async Task WaitForLogAsync(Func<string, bool> match, TimeSpan timeout)
        {
            var deadline = Stopwatch.StartNew();
            while (true)
            {
                lock (log)
                {
                    if (log.Any(match))
                    {
                        return;
                    }
                }
                if (process.HasExited || deadline.Elapsed > timeout)
                {
                    throw new InvalidOperationException($"the web app did not log what was awaited:\n{Log()}");
                }
                await logged.WaitAsync(TimeSpan.FromSeconds(1));
            }
        }

        /// <summary>User plus system CPU time of the server process so far (from /proc).</summary>
        public double CpuSeconds()
        {
            // Fields after the command name (which may hold spaces) start after the last ')'.
            var stat = File.ReadAllText($"/proc/{process.Id}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            return ticks / 100.0; // USER_HZ is 100 on Linux
        }

        public long PeakRssMegabytes()
        {
            var line = File.ReadLines($"/proc/{process.Id}/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(Digits().Match(line).Value, CultureInfo.InvariantCulture) / 1024;
        }

        private void Add(string? line)
        {
            if (line is null)
            {
                return;
            }
            lock (log)
            {
                log.Add(line);
            }
            logged.Release();
        }

        private string Log()
        {
            lock (log)
            {
                return string.Join('\n', log.TakeLast(40));
            }
        }

        public async ValueTask DisposeAsync()
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
            process.Dispose();
        }

        private static int FreePort()
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
    }

    [GeneratedRegex("[0-9]+")]
    private static partial Regex Digits();
}
