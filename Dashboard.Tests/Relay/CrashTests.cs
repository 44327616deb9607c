using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Dashboard.Core.Messages;
using Dashboard.Core.Smtp;
using Dashboard.Tests.Support;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Data.Sqlite;
using MimeKit;

namespace Dashboard.Tests.Relay;

/// <summary>
/// The real app as its own process, killed with SIGKILL while relay and API clients submit. After a
/// restart every message that was answered 250 or 202 exists exactly once; every one the app knows
/// the outcome of was delivered exactly once, and none was delivered twice.
/// </summary>
public sealed class CrashTests
{
    private const string DevelopmentKey = "dk_demokey1_development-only-not-a-secret";

    private readonly List<AppProcess> _started = [];

    [Fact]
    public async Task AcknowledgedSubmissionsSurviveASigkillAndAreDeliveredOnce()
    {
        var database = Path.Combine(Path.GetTempPath(), $"dashboard-crash-{Guid.NewGuid():N}.db");
        await using var sink = new LoopbackSmtpServer();
        var relayPort = SmtpListener.FreePort();
        var httpPort = SmtpListener.FreePort();
        var acknowledged = new ConcurrentDictionary<string, string>();
        try
        {
            {
                var first = StartApp(database, sink.Port, relayPort, httpPort);
                await first.WaitHealthyAsync(httpPort);
                using var stop = new CancellationTokenSource();
                var clients = Enumerable.Range(0, 3).Select(i => RelayClientAsync(i, relayPort, acknowledged, stop.Token))
                    .Concat(Enumerable.Range(0, 2).Select(i => ApiClientAsync(i, httpPort, acknowledged, stop.Token)))
                    .ToList();
                // Let the clients get going, then pull the plug mid-stream.
                var deadline = DateTime.UtcNow.AddSeconds(30);
                while (acknowledged.Count < 40 && DateTime.UtcNow < deadline)
                {
                    await Task.Delay(20);
                }
                await first.KillAsync();
                await stop.CancelAsync();
                await Task.WhenAll(clients);
            }
            Assert.True(acknowledged.Count >= 40, $"Only {acknowledged.Count} submissions were acknowledged before the kill.");

            var second = StartApp(database, sink.Port, relayPort, httpPort);
            try
            {
                await second.WaitHealthyAsync(httpPort);
                var rows = await WaitSettledAsync(database);

                var delivered = sink.Received.GroupBy(r => PublicIdOf(r.From)).ToDictionary(g => g.Key, g => g.Count());
                foreach (var (publicId, _) in acknowledged)
                {
                    Assert.True(rows.TryGetValue(publicId, out var status), $"{publicId} was acknowledged but is not stored.");
                    var times = delivered.GetValueOrDefault(publicId);
                    Assert.True(times <= 1, $"{publicId} was delivered {times} times.");
                    if (status != MessageStatus.Interrupted)
                    {
                        // Interrupted: caught between handing over and recording; never resent blindly.
                        Assert.Equal((publicId, MessageStatus.Delivered, 1), (publicId, status, times));
                    }
                }
                Assert.Equal(rows.Count, rows.Keys.Distinct().Count());
            }
            finally
            {
                await second.KillAsync();
            }
        }
        finally
        {
            // Whatever failed, no app process outlives the test.
            foreach (var app in _started)
            {
                app.Dispose();
            }
            SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { "", "-wal", "-shm" })
            {
                File.Delete(database + suffix);
            }
        }
    }

    private static async Task RelayClientAsync(int n, int port, ConcurrentDictionary<string, string> acknowledged, CancellationToken stop)
    {
        using var client = new SmtpClient { ServerCertificateValidationCallback = (_, _, _, _) => true, Timeout = 10_000 };
        try
        {
            await client.ConnectAsync("127.0.0.1", port, SecureSocketOptions.StartTls, stop);
            await client.AuthenticateAsync("demo-relay", "demo-relay-password", stop);
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                var message = new MimeMessage();
                message.From.Add(MailboxAddress.Parse("shop@shop.example"));
                message.To.Add(MailboxAddress.Parse($"relay{n}-{i}@example.com"));
                message.Subject = $"relay {n}/{i}";
                message.Body = new TextPart("plain") { Text = "crash test" };
                var reply = await client.SendAsync(message, stop);
                foreach (var id in reply.Split("Queued as ", 2)[1].Split(' '))
                {
                    acknowledged[id] = "relay";
                }
            }
        }
        catch (Exception ex) when (ex is IOException or SmtpProtocolException or OperationCanceledException or SmtpCommandException or System.Net.Sockets.SocketException)
        {
            // The app died (or the test stopped): whatever was not answered 250 was never promised.
        }
    }

    private static async Task ApiClientAsync(int n, int port, ConcurrentDictionary<string, string> acknowledged, CancellationToken stop)
    {
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(10) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", DevelopmentKey);
        try
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                var body = $$"""{"from":"shop@shop.example","to":["api{{n}}-{{i}}@example.com"],"subject":"api","text":"crash test"}""";
                using var response = await http.PostAsync("api/v1/messages", new StringContent(body, Encoding.UTF8, "application/json"), stop);
                if (response.StatusCode != System.Net.HttpStatusCode.Accepted)
                {
                    continue;
                }
                using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(stop));
                foreach (var message in json.RootElement.GetProperty("messages").EnumerateArray())
                {
                    acknowledged[message.GetProperty("id").GetString()!] = "api";
                }
            }
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or IOException)
        {
            // The app died (or the test stopped).
        }
    }

    private AppProcess StartApp(string database, int sinkPort, int relayPort, int httpPort)
    {
        var app = AppProcess.Start(new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{httpPort}",
            ["Database__Path"] = database,
            ["Demo__Enabled"] = "false",
            ["Sandbox__Port"] = "0",
            ["Inbound__Port"] = "0",
            ["Relay__Port"] = relayPort.ToString(CultureInfo.InvariantCulture),
            ["Sending__Transport"] = "Smarthost",
            ["Sending__Smarthost__Host"] = "127.0.0.1",
            ["Sending__Smarthost__Port"] = sinkPort.ToString(CultureInfo.InvariantCulture),
            ["Sending__Smarthost__Tls"] = "None",
            ["Logging__LogLevel__Default"] = "Warning",
            ["Logging__LogLevel__Microsoft.EntityFrameworkCore"] = "Error",
        });
        _started.Add(app);
        return app;
    }

    // Every message, once nothing is Queued or Sending any more: public id -> status.
    private static async Task<Dictionary<string, MessageStatus>> WaitSettledAsync(string database)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var rows = new Dictionary<string, MessageStatus>();
            await using (var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False"))
            {
                await connection.OpenAsync();
                await using var command = connection.CreateCommand();
                command.CommandText = "SELECT PublicId, Status FROM Messages";
                await using var reader = await command.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    rows.Add(reader.GetString(0), (MessageStatus)reader.GetInt32(1));
                }
            }
            if (rows.Values.All(s => s is not (MessageStatus.Queued or MessageStatus.Sending)) || DateTime.UtcNow > deadline)
            {
                return rows;
            }
            await Task.Delay(200);
        }
    }

    // bounces+<public id>-<signature>@domain
    private static string PublicIdOf(string returnPath) => returnPath.Split('+', 2)[1].Split('-', 2)[0];
}
