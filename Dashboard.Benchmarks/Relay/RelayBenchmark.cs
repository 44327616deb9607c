using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Dashboard.Core;
using Dashboard.Core.Data;
using Dashboard.Core.Integrations;
using Dashboard.Core.Messages;
using Dashboard.Core.Relay;
using Dashboard.Core.Users;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Dashboard.Benchmarks.Relay;

/// <summary>
/// The relay end to end against Postfix: N messages of 4 KB over 1, 4 and 16 SMTP sessions (a plain
/// SMTP client with AUTH) into our relay, which stores them, sends them with the Smarthost transport into
/// Postfix's smtp-sink and classifies the answers; timed until every message is Delivered. In the
/// same run, Postfix's smtp-source sends the same count, size and concurrency straight into the sink,
/// and the relay's two SMTP libraries are timed alone (<see cref="LibraryCeilings"/>).
/// </summary>
internal static class RelayBenchmark
{
    private const int MessageBytes = 4096;

    public static async Task<int> RunAsync(string[] args)
    {
        var messages = Option(args, "--messages", 20_000);
        var levels = (OptionText(args, "--sessions") ?? "1,4,16").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        if (!await EnsurePostfixToolsAsync())
        {
            return 1;
        }
        var sinkPort = Dashboard.Core.Smtp.SmtpListener.FreePort();
        using var sink = StartSink(sinkPort);
        await Task.Delay(300);
        Console.WriteLine($"relay benchmark: {messages:N0} messages of {MessageBytes / 1024} KB per run, sessions {string.Join(", ", levels)}, into smtp-sink on 127.0.0.1:{sinkPort}");
        Console.WriteLine($"{Environment.ProcessorCount} cores; other work on the machine makes these figures noisy.");

        var content = Content();
        var worst = (Ratio: double.MaxValue, Sessions: 0);
        foreach (var sessions in levels)
        {
            var postfix = await RunSmtpSourceAsync(sinkPort, sessions, messages);
            var ours = await RunRelayAsync(sinkPort, sessions, messages, content);
            var ratio = ours / postfix;
            // Where the time goes: the two SMTP libraries alone, with nothing of ours in between.
            var accepting = await LibraryCeilings.SmtpServerAloneAsync(sessions, messages, content, SubmitAsync);
            var sending = await LibraryCeilings.MailKitAloneAsync(sinkPort, sessions, messages, content);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"   alone, {sessions} session(s): SmtpServer accepting into no store {accepting,8:N0} msg/s   MailKit sending into the sink {sending,8:N0} msg/s"));
            // A relay does both on the same cores, each message's CPU the sum of the two: with nothing stored at
            // all it could do about their harmonic sum. That, against smtp-source, is the best ratio these two
            // libraries allow here, whatever the pipeline does.
            var bound = 1 / (1 / accepting + 1 / sending);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"   alone, {sessions} session(s): both libraries, storing nothing, about {bound,8:N0} msg/s   their ratio to smtp-source {bound / postfix:0.000}"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{sessions,2} session(s): relay {ours,8:N0} msg/s (accepted, stored, delivered, classified)   smtp-source {postfix,8:N0} msg/s   ratio {ratio:0.000}"));
            if (ratio < worst.Ratio)
            {
                worst = (ratio, sessions);
            }
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"relay: worst ratio {worst.Ratio:0.000} (ours/postfix) at {worst.Sessions} sessions"));
        return 0;
    }

    private static async Task<double> RunRelayAsync(int sinkPort, int sessions, int messages, byte[] content)
    {
        var database = Path.Combine(Path.GetTempPath(), $"relay-bench-{Guid.NewGuid():N}.db");
        var relayPort = Dashboard.Core.Smtp.SmtpListener.FreePort();
        var settings = new Dictionary<string, string?>
        {
            ["Database:Path"] = database,
            ["Sending:Transport"] = "Smarthost",
            ["Sending:Smarthost:Host"] = "127.0.0.1",
            ["Sending:Smarthost:Port"] = sinkPort.ToString(CultureInfo.InvariantCulture),
            ["Sending:Smarthost:Tls"] = "None",
            ["Sending:Concurrency"] = Math.Max(4, sessions).ToString(CultureInfo.InvariantCulture),
            ["Sandbox:Enabled"] = "false",
            ["Inbound:Enabled"] = "false",
            ["Demo:Enabled"] = "false",
            ["Relay:Port"] = relayPort.ToString(CultureInfo.InvariantCulture),
            ["ReturnPath:SigningKey"] = "benchmark-signing-key-0123456789-0123456789",
            ["Integrations:DefaultCredentialRatePerMinute"] = "1000000",
        };
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Production", DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.AddConsole().SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddDashboardCore(builder.Configuration);
        using var host = builder.Build();
        await host.Services.GetRequiredService<DatabaseInitializer>().InitializeAsync();
        await host.StartAsync();
        try
        {
            var integrations = host.Services.GetRequiredService<IntegrationService>();
            var created = await integrations.CreateCredentialAsync(new NewSmtpCredential("bench", null, 1_000_000), Actor.System);
            var relay = host.Services.GetRequiredService<RelayServer>();
            var factory = host.Services.GetRequiredService<IDbContextFactory<DashboardDbContext>>();
            var gate = host.Services.GetRequiredService<PipelineWriteGate>();
            var gateBefore = gate.Usage;
            var ledger = host.Services.GetRequiredService<MessageLedger>();
            var ledgerBefore = ledger.Usage;
            var stopwatch = Stopwatch.StartNew();
            await Task.WhenAll(LibraryCeilings.Split(messages, sessions).Select((count, i) => SubmitAsync(relay.Port, created.Password, content, count, i)));
            var accepted = stopwatch.Elapsed;
            await WaitDeliveredAsync(factory, messages);
            stopwatch.Stop();
            var gateAfter = gate.Usage;
            var (holds, held) = (gateAfter.Holds - gateBefore.Holds, gateAfter.Held - gateBefore.Held);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"   ours, {sessions} session(s): all accepted (250) after {accepted.TotalSeconds:0.00} s, all delivered after {stopwatch.Elapsed.TotalSeconds:0.00} s"));
            // The single writer: how busy it was, and what a message cost it (the background jobs take it too, rarely).
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"   ours, {sessions} session(s): write gate held {held / stopwatch.Elapsed:P0} of the time, {(double)holds / messages:0.00} units of work per message, {held.TotalMicroseconds / Math.Max(1, holds):N0} µs each, {held.TotalMicroseconds / messages:N0} µs per message"));
            // Where the writer's time per message went, step by step (the rest of the gate's time is other holders').
            var spent = ledger.Usage.Since(ledgerBefore);
            string PerMessage(TimeSpan t) => (t.TotalMicroseconds / messages).ToString("N0", CultureInfo.InvariantCulture);
            Console.WriteLine(
                $"   ours, {sessions} session(s): the writer per message (µs): context {PerMessage(spent.Opening)}, work {PerMessage(spent.Working)} " +
                $"(stores {PerMessage(spent.Stores)}, claims {PerMessage(spent.Claims)}, answers {PerMessage(spent.Answers)}), " +
                $"finding changes and webhooks {PerMessage(spent.Finding)}, saving and committing {PerMessage(spent.Saving)}");
            return messages / stopwatch.Elapsed.TotalSeconds;
        }
        finally
        {
            await host.StopAsync();
            SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { "", "-wal", "-shm" })
            {
                File.Delete(database + suffix);
            }
        }
    }

    // A plain SMTP client, as lean as smtp-source (MailKit as the client added ~25 ms a message of its
    // own here): AUTH PLAIN once, then per message MAIL, RCPT and DATA pipelined, the content, QUIT.
    private static async Task SubmitAsync(int port, string password, byte[] content, int count, int session)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(IPAddress.Loopback, port);
        await using var stream = new NetworkStream(socket, ownsSocket: false);
        using var reader = new StreamReader(stream, System.Text.Encoding.ASCII);
        async Task<string> ReplyAsync()
        {
            string line;
            do
            {
                line = await reader.ReadLineAsync() ?? throw new IOException("The relay closed the session.");
            }
            while (line.Length > 3 && line[3] == '-');
            return line;
        }
        async Task SendAsync(string text) => await stream.WriteAsync(System.Text.Encoding.ASCII.GetBytes(text));
        await ReplyAsync();
        await SendAsync("EHLO bench.example\r\n");
        await ReplyAsync();
        await SendAsync($"AUTH PLAIN {Convert.ToBase64String(System.Text.Encoding.ASCII.GetBytes($"\0bench\0{password}"))}\r\n");
        Expect(await ReplyAsync(), "235");
        for (var i = 0; i < count; i++)
        {
            await SendAsync($"MAIL FROM:<bench@shop.example>\r\nRCPT TO:<r{session}-{i}@example.com>\r\nDATA\r\n");
            Expect(await ReplyAsync(), "250");
            Expect(await ReplyAsync(), "250");
            Expect(await ReplyAsync(), "354");
            await stream.WriteAsync(content);
            Expect(await ReplyAsync(), "250");
        }
        await SendAsync("QUIT\r\n");
    }

    private static void Expect(string reply, string code)
    {
        if (!reply.StartsWith(code, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"The relay answered \"{reply}\" where {code} was expected.");
        }
    }

    private static async Task WaitDeliveredAsync(IDbContextFactory<DashboardDbContext> factory, int messages)
    {
        var deadline = DateTime.UtcNow.AddMinutes(20);
        while (DateTime.UtcNow < deadline)
        {
            await using var db = await factory.CreateDbContextAsync();
            var done = await db.Messages.CountAsync(m => m.Status != MessageStatus.Queued && m.Status != MessageStatus.Sending);
            if (done >= messages)
            {
                var delivered = await db.Messages.CountAsync(m => m.Status == MessageStatus.Delivered);
                if (delivered != messages)
                {
                    throw new InvalidOperationException($"{messages - delivered} message(s) were not delivered.");
                }
                return;
            }
            await Task.Delay(50);
        }
        throw new TimeoutException("The relay did not deliver everything within 20 minutes.");
    }

    private static async Task<double> RunSmtpSourceAsync(int sinkPort, int sessions, int messages)
    {
        var start = new ProcessStartInfo(Tool("smtp-source"))
        {
            ArgumentList = { "-d", "-s", sessions.ToString(CultureInfo.InvariantCulture), "-m", messages.ToString(CultureInfo.InvariantCulture),
                "-l", MessageBytes.ToString(CultureInfo.InvariantCulture), "-f", "bench@shop.example", "-t", "r@example.com", $"127.0.0.1:{sinkPort}" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var stopwatch = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        stopwatch.Stop();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"smtp-source failed: {await errors}");
        }
        return messages / stopwatch.Elapsed.TotalSeconds;
    }

    private static Process StartSink(int port)
    {
        // -u: smtp-sink refuses to keep root privileges; "nobody" is on every Debian machine.
        var start = new ProcessStartInfo(Tool("smtp-sink"))
        {
            ArgumentList = { "-u", "nobody", $"127.0.0.1:{port}", "1024" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Stop(process);
        return process;
    }

    private static void Stop(Process process)
    {
        try
        {
            process.Kill();
        }
        catch (InvalidOperationException)
        {
            // Already gone (disposed at the end of the run).
        }
    }

    private static async Task<bool> EnsurePostfixToolsAsync()
    {
        if (File.Exists(Tool("smtp-sink")) && File.Exists(Tool("smtp-source")))
        {
            return true;
        }
        var script = Path.Combine(RepositoryRoot(), "scripts", "install-postfix-tools.sh");
        using var install = Process.Start(new ProcessStartInfo("bash", [script]))!;
        await install.WaitForExitAsync();
        if (install.ExitCode != 0 || !File.Exists(Tool("smtp-sink")))
        {
            Console.Error.WriteLine($"smtp-sink and smtp-source are missing and {script} could not install them (Debian package postfix).");
            return false;
        }
        return true;
    }

    private static string Tool(string name) => File.Exists($"/usr/sbin/{name}") ? $"/usr/sbin/{name}" : $"/usr/bin/{name}";

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Dashboard.sln")))
        {
            directory = directory.Parent;
        }
        return directory?.FullName ?? Directory.GetCurrentDirectory();
    }

    // 4 KB of message, dot-terminated, ready for DATA.
    private static byte[] Content()
    {
        var body = string.Concat(Enumerable.Repeat(new string('x', 76) + "\r\n", (MessageBytes - 100) / 78));
        return System.Text.Encoding.ASCII.GetBytes(
            $"From: bench@shop.example\r\nTo: reader@example.com\r\nSubject: Benchmark\r\n\r\n{body}.\r\n");
    }

    private static int Option(string[] args, string name, int fallback) =>
        OptionText(args, name) is { } value ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;

    private static string? OptionText(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
