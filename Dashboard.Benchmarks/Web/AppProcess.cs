using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace Dashboard.Benchmarks.Web;

/// <summary>A web app process on a free loopback port, stopped (killed) on dispose.</summary>
internal sealed partial class AppProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly List<string> log = [];
    private readonly SemaphoreSlim logged = new(0);

    private AppProcess(Process process, Uri baseAddress)
    {
        this.process = process;
        BaseAddress = baseAddress;
        process.OutputDataReceived += (_, e) => Add(e.Data);
        process.ErrorDataReceived += (_, e) => Add(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public Uri BaseAddress { get; }

    /// <param name="app">The built Dashboard.dll.</param>
    /// <param name="scheme">"https" (Kestrel's certificate in <paramref name="environment"/>) or "http".</param>
    /// <param name="environment">Settings as environment variables (ASPNETCORE_ENVIRONMENT, Database__Path, …).</param>
    public static async Task<AppProcess> StartAsync(string app, string scheme, IReadOnlyDictionary<string, string> environment)
    {
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet", [app])
        {
            WorkingDirectory = Path.GetDirectoryName(app)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }
        start.Environment["ASPNETCORE_URLS"] = $"{scheme}://127.0.0.1:{port}";
        var server = new AppProcess(Process.Start(start)!, new Uri($"{scheme}://127.0.0.1:{port}"));
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

    public int Id => process.Id;

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

    [GeneratedRegex("[0-9]+")]
    private static partial Regex Digits();
}
