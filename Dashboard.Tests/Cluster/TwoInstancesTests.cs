using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Dashboard.Core.Messages;
using Dashboard.Tests.Support;
using Npgsql;
using Xunit.Abstractions;

namespace Dashboard.Tests.Cluster;

/// <summary>
/// Two real app processes on one PostgreSQL database, delivering to one real SMTP sink, take 2,000
/// messages through the API; one is killed with SIGKILL mid-run. The other finishes: every accepted
/// message is stored, none reaches the sink twice, and each one reached it or is Interrupted (only
/// what the killed instance had in flight).
/// </summary>
public sealed class TwoInstancesTests(ITestOutputHelper output)
{
    private const string DevelopmentKey = "dk_demokey1_development-only-not-a-secret";
    private const int Requests = 200;
    private const int RecipientsPerRequest = 10;
    private const int Concurrency = 4;

    [PostgresFact]
    public async Task TwoInstancesSendEachMessageOnceWhenOneIsKilledMidRun()
    {
        var clock = Stopwatch.StartNew();
        var database = TestPostgres.CreateDatabase();
        await using var sink = new LoopbackSmtpServer();
        var started = new List<AppProcess>();
        try
        {
            // One after the other: the first start seeds the development key and user.
            var (doomed, doomedPort) = await AppProcess.StartHealthyAsync(port => StartApp(database, sink.Port, port));
            started.Add(doomed);
            var (survivor, survivorPort) = await AppProcess.StartHealthyAsync(port => StartApp(database, sink.Port, port));
            started.Add(survivor);
            output.WriteLine($"both healthy at {clock.Elapsed.TotalSeconds:F1} s");
            using var toDoomed = Client(doomedPort);
            using var toSurvivor = Client(survivorPort);

            // Requests alternate between the instances; once one is dead, the client retries on the
            // other with the same Idempotency-Key (as behind a load balancer), so nothing is stored twice.
            var accepted = new ConcurrentDictionary<string, byte>();
            var next = -1;
            var killed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var clients = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
            {
                for (var n = Interlocked.Increment(ref next); n < Requests; n = Interlocked.Increment(ref next))
                {
                    var first = n % 2 == 0 && !killed.Task.IsCompleted ? toDoomed : toSurvivor;
                    foreach (var id in await SubmitAsync(first, n) ?? await SubmitAsync(toSurvivor, n) ?? [])
                    {
                        accepted[id] = 0;
                    }
                }
            })).ToList();
            // Mid-run: half is accepted (both instances took a share), sending has begun, the rest is coming.
            await WaitUntilAsync(() => accepted.Count >= Requests * RecipientsPerRequest / 2 && !sink.Received.IsEmpty, TimeSpan.FromSeconds(60));
            var (killedWith, receivedAtKill) = (accepted.Count, sink.Received.Count);
            await doomed.KillAsync();
            killed.SetResult();
            var killedAt = clock.Elapsed;
            await Task.WhenAll(clients);
            output.WriteLine($"killed at {killedAt.TotalSeconds:F1} s with {killedWith} accepted, {receivedAtKill} received; all submitted at {clock.Elapsed.TotalSeconds:F1} s with {sink.Received.Count} received");

            // Generous: one instance sends what is left, on a machine other builds may be loading.
            var (rows, open) = await WaitSettledAsync(database, TimeSpan.FromSeconds(120));
            Assert.True(open.Count == 0, $"{open.Count} still open after 120 s ({sink.Received.Count} received): {string.Join(", ", open.Take(5))}\n{survivor.Output}");

            var received = sink.Received.GroupBy(r => PublicIdOf(r.From)).ToDictionary(g => g.Key, g => g.Count());
            var interrupted = rows.Count(r => r.Value == MessageStatus.Interrupted);
            output.WriteLine($"{accepted.Count} accepted, {rows.Count} stored, {received.Count} received, {interrupted} interrupted; " +
                $"settled at {clock.Elapsed.TotalSeconds:F1} s");
            Assert.Equal(Requests * RecipientsPerRequest, accepted.Count);
            Assert.All(accepted.Keys, id => Assert.True(rows.ContainsKey(id), $"{id} was accepted but is not stored."));
            Assert.All(received, r => Assert.True(r.Value == 1, $"{r.Key} reached the sink {r.Value} times."));
            Assert.All(rows, r => Assert.True(
                r.Value == MessageStatus.Interrupted || (r.Value == MessageStatus.Delivered && received.ContainsKey(r.Key)),
                $"{r.Key} is {r.Value}, received {received.GetValueOrDefault(r.Key)} times."));
            // Interrupted: only what the killed instance had handed over and not yet heard back about.
            Assert.InRange(interrupted, 0, Concurrency);
            Assert.False(survivor.HasExited, survivor.Output);
        }
        finally
        {
            foreach (var app in started)
            {
                app.Dispose();
            }
            TestPostgres.DropDatabase(database);
        }
    }

    private static HttpClient Client(int port)
    {
        var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", DevelopmentKey);
        return http;
    }

    // The public ids the API accepted (202), or null when the instance could not be reached.
    private static async Task<IReadOnlyList<string>?> SubmitAsync(HttpClient http, int n)
    {
        var to = string.Join(',', Enumerable.Range(0, RecipientsPerRequest).Select(i => $"\"r{n}-{i}@example.com\""));
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/v1/messages")
        {
            Content = new StringContent($$"""{"from":"shop@shop.example","to":[{{to}}],"subject":"two instances {{n}}","text":"cluster test"}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("Idempotency-Key", $"cluster-{n}");
        try
        {
            using var response = await http.SendAsync(request);
            Assert.Equal(System.Net.HttpStatusCode.Accepted, response.StatusCode);
            using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            return [.. json.RootElement.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("id").GetString()!)];
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or TaskCanceledException)
        {
            return null; // killed: refused, or reset mid-request
        }
    }

    private static AppProcess StartApp(string database, int sinkPort, int httpPort) => AppProcess.Start(new Dictionary<string, string>
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Development",
        ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{httpPort}",
        ["Database__Provider"] = "Postgres",
        ["Database__ConnectionString"] = database,
        ["Demo__Enabled"] = "false",
        ["Sandbox__Port"] = "0",
        ["Inbound__Port"] = "0",
        ["Relay__Port"] = "0",
        ["Sending__Transport"] = "Smarthost",
        ["Sending__Smarthost__Host"] = "127.0.0.1",
        ["Sending__Smarthost__Port"] = sinkPort.ToString(CultureInfo.InvariantCulture),
        ["Sending__Smarthost__Tls"] = "None",
        ["Sending__Concurrency"] = Concurrency.ToString(CultureInfo.InvariantCulture),
        ["Sending__LeaseSeconds"] = "5",
        ["Logging__LogLevel__Default"] = "Warning",
        ["Logging__LogLevel__Dashboard.Core.Sending"] = "Information",
        ["Logging__LogLevel__Microsoft.EntityFrameworkCore"] = "Error",
    });

    private static async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Not reached within {timeout.TotalSeconds} s.");
            await Task.Delay(20);
        }
    }

    // Every message (public id -> status) once none is Queued or Sending any more, or when the time is
    // up, with the ones still open (status and instance).
    private static async Task<(Dictionary<string, MessageStatus> Rows, List<string> Open)> WaitSettledAsync(string database, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var rows = new Dictionary<string, MessageStatus>();
            var open = new List<string>();
            await using (var connection = new NpgsqlConnection(database))
            {
                await connection.OpenAsync();
                await using var command = new NpgsqlCommand("""SELECT "PublicId", "Status", "ClaimedBy" FROM "Messages" """, connection);
                await using var reader = await command.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    var status = (MessageStatus)reader.GetInt32(1);
                    rows.Add(reader.GetString(0), status);
                    if (status is MessageStatus.Queued or MessageStatus.Sending)
                    {
                        open.Add($"{reader.GetString(0)} {status} by {(reader.IsDBNull(2) ? "nobody" : reader.GetString(2))}");
                    }
                }
            }
            if (open.Count == 0 || DateTime.UtcNow > deadline)
            {
                return (rows, open);
            }
            await Task.Delay(200);
        }
    }

    // bounces+<public id>-<signature>@domain
    private static string PublicIdOf(string returnPath) => returnPath.Split('+', 2)[1].Split('-', 2)[0];
}
