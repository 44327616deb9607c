using System.Collections.Concurrent;
using System.Diagnostics;

namespace Dashboard.Tests.Support;

/// <summary>
/// The real app as its own process (<c>dotnet Dashboard.dll</c>), configured by environment
/// variables, with its stdout and stderr kept (the first lines) for assertions and failure messages.
/// Disposing kills it if it still runs.
/// </summary>
public sealed class AppProcess : IDisposable
{
    private readonly ConcurrentQueue<string> _output = new();
    private readonly Process _process;

    private AppProcess(IReadOnlyDictionary<string, string> environment)
    {
        var directory = AppDirectory();
        var start = new ProcessStartInfo("dotnet", [Path.Combine(directory, "Dashboard.dll")])
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }
        _process = Process.Start(start)!;
        // Drain the output so the app never blocks on a full pipe.
        _process.OutputDataReceived += (_, e) => Keep(e.Data);
        _process.ErrorDataReceived += (_, e) => Keep(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>Starts the app with these environment variables (e.g. <c>Database__Path</c>).</summary>
    public static AppProcess Start(IReadOnlyDictionary<string, string> environment) => new(environment);

    /// <summary>What it wrote to stdout and stderr so far (the first 500 lines).</summary>
    public string Output => string.Join('\n', _output);

    public bool HasExited
    {
        get
        {
            try
            {
                return _process.HasExited;
            }
            catch (InvalidOperationException)
            {
                return true;
            }
        }
    }

    /// <summary>Waits for the app to end by itself and returns its exit code, with all its output read.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cancel.Token);
        return _process.ExitCode;
    }

    /// <summary>
    /// Starts an app on a free HTTP port (<paramref name="start"/> is given the port) and waits until it is
    /// healthy. A port is free when picked but may be taken before the app binds it (another test's
    /// listener on port 0 can be handed the same number), so an app that exits because its address is in
    /// use is started again on another port, up to three times.
    /// </summary>
    public static async Task<(AppProcess App, int Port)> StartHealthyAsync(Func<int, AppProcess> start)
    {
        for (var attempt = 1; ; attempt++)
        {
            var port = Dashboard.Core.Smtp.SmtpListener.FreePort();
            var app = start(port);
            try
            {
                await app.WaitHealthyAsync(port);
                return (app, port);
            }
            catch (Exception) when (attempt < 3 && app.HasExited && app.Output.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
            {
                app.Dispose();
            }
            catch
            {
                app.Dispose();
                throw;
            }
        }
    }

    /// <summary>Waits until <c>GET /healthz</c> on <paramref name="port"/> answers 200; fails if the app exits.</summary>
    public async Task WaitHealthyAsync(int port)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        // Generous: the whole suite runs beside it on a small machine.
        var deadline = DateTime.UtcNow.AddSeconds(180);
        while (DateTime.UtcNow < deadline)
        {
            Assert.False(HasExited, "The app exited at start:\n" + Output);
            try
            {
                if ((await http.GetAsync($"http://127.0.0.1:{port}/healthz")).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }
            await Task.Delay(200);
        }
        Assert.Fail("The app did not become healthy within 180 s:\n" + Output);
    }

    /// <summary>SIGKILL: no shutdown code runs.</summary>
    public async Task KillAsync()
    {
        if (!HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }
        await _process.WaitForExitAsync();
    }

    public void Dispose()
    {
        if (!HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }
        _process.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is not null && _output.Count < 500)
        {
            _output.Enqueue(line);
        }
    }

    // The Dashboard project's own build output, next to this test project's (same configuration).
    private static string AppDirectory()
    {
        var testBin = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var framework = testBin.Name;
        var configuration = testBin.Parent!.Name;
        var root = testBin.Parent.Parent!.Parent!.Parent!.FullName;
        var own = Path.Combine(root, "Dashboard", "bin", configuration, framework);
        return File.Exists(Path.Combine(own, "Dashboard.dll")) ? own : testBin.FullName;
    }
}
