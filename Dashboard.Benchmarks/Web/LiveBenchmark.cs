using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;

namespace Dashboard.Benchmarks.Web;

/// <summary>
/// <c>live [--app DLL] [--messages 1000] [--pages 0,20,0]</c>: what live updates cost the app. Starts
/// the built web app as its own process (SQLite, sandbox delivery, demo off), then for each page
/// count opens that many signed-in chromium pages on <c>/activity</c>, sends the messages through
/// <c>POST /api/v1/messages</c> and waits until none is queued or sending and the sandbox's
/// aftermath has passed (a count given twice is averaged). Prints the app process's CPU time (user + system, from /proc, so the
/// browser's own work is not in it) per message for each count, and the ratio to no page.
/// </summary>
internal static class LiveBenchmark
{
    private const string ApiKey = "dk_benchkey_live-benchmark-development-only";

    public static async Task<int> RunAsync(string[] args)
    {
        string Option(string name, string fallback) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault() ?? fallback;
        var app = Path.GetFullPath(Option("--app", Path.Combine("Dashboard", "bin", "Release", "net10.0", "Dashboard.dll")));
        var messages = int.Parse(Option("--messages", "1000"), CultureInfo.InvariantCulture);
        var pageCounts = Option("--pages", "0,20,0").Split(',').Select(p => int.Parse(p, CultureInfo.InvariantCulture)).ToArray();
        if (!File.Exists(app))
        {
            await Console.Error.WriteLineAsync($"live: no build at {app} (dotnet build Dashboard -c Release)");
            return 2;
        }

        var folder = Directory.CreateTempSubdirectory("live-bench-").FullName;
        try
        {
            await using var server = await StartAsync(app, Path.Combine(folder, "live.db"));
            using var api = ApiClient(server.BaseAddress);
            Console.WriteLine($"live: {Environment.ProcessorCount} cores, load average {LoadAverage()}; warming up with 300 messages…");
            await SendAsync(api, 300, "warmup");

            var perMessage = new List<(int Pages, double Milliseconds)>();
            foreach (var (count, run) in pageCounts.Select((c, i) => (c, i)))
            {
                await using var viewers = await ActivityViewers.SignInAsync(server.BaseAddress, SignedInClient.Email, SignedInClient.Password);
                await viewers.OpenAsync(count, "activity");
                // Let the pages' first renders and the sign-in's leftovers finish before counting.
                await Task.Delay(TimeSpan.FromSeconds(5));
                var idle = server.CpuSeconds();
                await Task.Delay(TimeSpan.FromSeconds(5));
                var cpu = server.CpuSeconds();
                var clock = Stopwatch.StartNew();
                await SendAsync(api, messages, $"run{run}");
                var elapsed = clock.Elapsed;
                var used = server.CpuSeconds() - cpu;
                perMessage.Add((count, used * 1000 / messages));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"live: {count} pages on /activity: {messages} messages settled in {elapsed.TotalSeconds:F1} s, app CPU {used:F2} s = {perMessage[^1].Milliseconds:F2} ms per message; idle before: {(cpu - idle) * 1000 / 5:F0} ms CPU/s (load average {LoadAverage()})"));
                await viewers.CloseAllAsync();
            }

            // A count given twice (0,20,0) is averaged: the order's own drift (warm-up, a busy neighbour) falls on both.
            var means = perMessage.GroupBy(p => p.Pages).Select(g => (Pages: g.Key, Milliseconds: g.Average(p => p.Milliseconds))).ToList();
            var baseline = means[0];
            foreach (var (count, milliseconds) in means.Skip(1))
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"live-bench: app CPU per message, {count} pages vs {baseline.Pages}: {milliseconds:F2} vs {baseline.Milliseconds:F2} ms, ratio {milliseconds / baseline.Milliseconds:F2} (target < 1.5)"));
            }
            return 0;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>
    /// The app in Development over plain HTTP on loopback: Development is where an API key can be
    /// set in configuration (Integrations:DevelopmentApiKey), so nothing has to be created by hand.
    /// </summary>
    internal static Task<AppProcess> StartAsync(string app, string database) =>
        AppProcess.StartAsync(app, "http", new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["Database__Provider"] = "Sqlite",
            ["Database__Path"] = database,
            ["Bootstrap__AdminEmail"] = SignedInClient.Email,
            ["Bootstrap__AdminPassword"] = SignedInClient.Password,
            ["Demo__Enabled"] = "false",
            ["Sending__Transport"] = "Sandbox",
            ["Integrations__DevelopmentApiKey"] = ApiKey,
            ["Integrations__DefaultApiKeyRatePerMinute"] = "1000000",
            ["Logging__LogLevel__Default"] = "Warning",
        });

    /// <summary>A client of the app's HTTP API with the benchmark's key.</summary>
    internal static HttpClient ApiClient(Uri baseAddress)
    {
        var api = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromMinutes(2) };
        api.DefaultRequestHeaders.Authorization = new("Bearer", ApiKey);
        return api;
    }

    /// <summary>Sends <paramref name="count"/> messages to accepting sandbox addresses, four requests at a time, and waits until they are settled.</summary>
    internal static async Task SendAsync(HttpClient api, int count, string tag)
    {
        var next = -1;
        var senders = Enumerable.Range(0, 4).Select(async _ =>
        {
            while (Interlocked.Increment(ref next) is var i && i < count)
            {
                using var response = await api.PostAsJsonAsync("api/v1/messages", new
                {
                    from = "news@shop.example",
                    to = new[] { $"reader{i}+{tag}@sandbox.test" },
                    subject = $"Live benchmark {tag} #{i}",
                    text = "Hello from the live-update benchmark.",
                    tags = new[] { tag },
                });
                if (!response.IsSuccessStatusCode)
                {
                    throw new InvalidOperationException($"POST /api/v1/messages answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
                }
            }
        });
        await Task.WhenAll(senders);
        var deadline = Stopwatch.StartNew();
        while (await PendingAsync(api, tag))
        {
            if (deadline.Elapsed > TimeSpan.FromMinutes(10))
            {
                throw new TimeoutException($"messages tagged {tag} were still queued or sending after 10 minutes");
            }
            await Task.Delay(500);
        }
        // The sandbox's aftermath (a complaint, a late bounce) comes a few seconds after delivery.
        await Task.Delay(TimeSpan.FromSeconds(5));
    }

    private static async Task<bool> PendingAsync(HttpClient api, string tag)
    {
        using var document = JsonDocument.Parse(await api.GetStringAsync($"api/v1/messages?status=queued,sending&tag={tag}&limit=1"));
        return document.RootElement.GetProperty("data").GetArrayLength() > 0;
    }

    internal static string LoadAverage() => string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
}
