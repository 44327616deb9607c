using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Dashboard.Core.Activity;
using Dashboard.Core.Alerts;
using Dashboard.Core.Cluster;
using Dashboard.Core.Data;
using Dashboard.Core.Messages;
using Dashboard.Core.Sending;
using Dashboard.Core.Suppressions;
using Dashboard.Core.Users;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Dashboard.Tests.Cluster;

/// <summary>
/// Live updates between instances on one PostgreSQL database (LISTEN/NOTIFY behind the feeds). The
/// two-instance tests need the PostgreSQL run (DASHBOARD_TEST_PROVIDER=postgres); the payload tests
/// need no database and run in both.
/// </summary>
public sealed class ChangeRelayTests : IDisposable
{
    private static readonly TimeSpan Arrival = TimeSpan.FromSeconds(5);

    private readonly SharedDatabase _shared = new();

    private string? Database => _shared.ConnectionString;

    public void Dispose() => _shared.Dispose();

    [Fact]
    public async Task ASuppressionAddedOnOneInstanceReachesTheOtherInstancesFeedAndItsOwnOnce()
    {
        if (Database is null)
        {
            return; // SQLite: one process, nothing to relay.
        }
        await using var a = await ClusterInstance.StartAsync(Database);
        await using var b = await ClusterInstance.StartAsync(Database);
        await ClusterInstance.WaitUntilListeningAsync(Database, 2);
        var atA = new ConcurrentQueue<SuppressionChange>();
        var atB = new ConcurrentQueue<SuppressionChange>();
        using var onA = a.Get<SuppressionFeed>().Subscribe(changes => Record(atA, changes));
        using var onB = b.Get<SuppressionFeed>().Subscribe(changes => Record(atB, changes));

        await a.Get<SuppressionService>().AddAsync(new AddSuppressionRequest("someone@example.com", SuppressionReason.Manual), Actor.System);

        Assert.True(await Eventually.TrueAsync(() => !atB.IsEmpty, Arrival), "b never heard of the suppression");
        await Task.Delay(TimeSpan.FromSeconds(1)); // time for an echo to come back to a, if it were not ignored
        var seenByB = Assert.Single(atB);
        Assert.Equal(Assert.Single(atA), seenByB);
        Assert.Equal(("someone@example.com", SuppressionReason.Manual, true, "system"), (seenByB.Value, seenByB.Reason, seenByB.Added, seenByB.By));
    }

    [Fact]
    public async Task AMessageSentOnOneInstanceCountsOnTheOtherInstancesActivityFeed()
    {
        if (Database is null)
        {
            return; // SQLite: one process, nothing to relay.
        }
        await using var a = await ClusterInstance.StartAsync(Database);
        await using var b = await ClusterInstance.StartAsync(Database);
        await ClusterInstance.WaitUntilListeningAsync(Database, 2);
        var atA = new ConcurrentQueue<MessageChange>();
        var atB = new ConcurrentQueue<MessageChange>();
        using var onA = a.Get<ActivityFeed>().Subscribe(changes => Record(atA, changes));
        using var onB = b.Get<ActivityFeed>().Subscribe(changes => Record(atB, changes));

        var sent = await a.Get<SendService>().SendAsync(new SendRequest("news@shop.test", ["bob@example.com", "carol@example.net"], "Hello", "Hi", null), Actor.System);

        Assert.Equal(2, sent.Recipients.Count);
        Assert.True(await Eventually.TrueAsync(() => atB.Count(c => c.Status == MessageStatus.Delivered) == 2, Arrival), $"b saw {atB.Count} change(s)");
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Equal(atA.OrderBy(c => c.MessageId).ThenBy(c => c.At).ThenBy(c => c.Status), atB.OrderBy(c => c.MessageId).ThenBy(c => c.At).ThenBy(c => c.Status));
        Assert.Equal(atA.Count, atA.Distinct().Count());
    }

    [Fact]
    public void ABatchTooBigForOneNotificationIsSplitUnderPostgresLimit()
    {
        var relay = Relay(out _);
        var changes = Enumerable.Range(1, 2000)
            .Select(i => new MessageChange(i, $"msg-{i:D8}-{Guid.NewGuid():N}", MessageStatus.Delivered, DateTimeOffset.UnixEpoch.AddSeconds(i)))
            .ToList();

        var payloads = relay.Payloads("activity", changes).ToList();

        Assert.All(payloads, p => Assert.True(Encoding.UTF8.GetByteCount(p) < 8000, $"{Encoding.UTF8.GetByteCount(p)} bytes"));
        Assert.InRange(payloads.Count, 2000 * 100 / 8000, 2000 * 200 / 7000);
        var roundTrip = payloads.SelectMany(p => JsonDocument.Parse(p).RootElement.GetProperty("c").Deserialize<List<MessageChange>>(JsonSerializerOptions.Web)!);
        Assert.Equal(changes, roundTrip);
        Assert.Single(relay.Payloads("activity", changes.Take(3).ToList()));
    }

    [Fact]
    public async Task AnotherInstancesChangesReachSubscribersTypedAndItsOwnAreIgnored()
    {
        var relay = Relay(out var suppressions);
        var other = Relay(out _);
        var received = new ConcurrentQueue<SuppressionChange>();
        using var subscription = suppressions.Subscribe(changes => Record(received, changes));
        await relay.StartAsync(CancellationToken.None);
        var change = new SuppressionChange("someone@example.com", SuppressionReason.HardBounce, true, "system", DateTimeOffset.UnixEpoch);

        relay.Receive(Assert.Single(relay.Payloads("suppressions", [change])));
        relay.Receive(Assert.Single(other.Payloads("suppressions", [change])));
        relay.Receive("not json");

        Assert.True(await Eventually.TrueAsync(() => !received.IsEmpty, Arrival));
        await Task.Delay(200);
        await relay.StopAsync(CancellationToken.None);
        Assert.Equal(change, Assert.Single(received));
    }

    // A relay as PostgreSQL would run it; these tests only pack and read payloads, so it opens no connection.
    private static ChangeRelay Relay(out SuppressionFeed suppressions)
    {
        suppressions = new SuppressionFeed();
        return new ChangeRelay(Options.Create(new DatabaseOptions { Provider = DatabaseProvider.Postgres, ConnectionString = "Host=unused" }), new Dashboard.Core.Sending.SendingInstance(),
            new ActivityFeed(), suppressions, new AlertFeed(), NullLogger<ChangeRelay>.Instance);
    }

    private static Task Record<T>(ConcurrentQueue<T> queue, IReadOnlyList<T> changes)
    {
        foreach (var change in changes)
        {
            queue.Enqueue(change);
        }
        return Task.CompletedTask;
    }
}
