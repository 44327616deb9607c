using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Dashboard.Core.Activity;
using Dashboard.Core.Alerts;
using Dashboard.Core.Data;
using Dashboard.Core.Live;
using Dashboard.Core.Suppressions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Dashboard.Core.Cluster;

/// <summary>
/// On PostgreSQL, carries the live feeds (activity, suppressions, alerts) between the instances on one
/// database: after a local publish it sends <c>NOTIFY dashboard_changes</c> with the batch as JSON
/// (origin instance, feed, the typed changes), split so each payload stays under PostgreSQL's 8000
/// bytes; <see cref="ChangeListener"/> hands what the others sent to <see cref="Receive"/>, which
/// republishes it to this instance's subscribers only. One NOTIFY per published batch (more only for
/// a batch too big for one), whatever the number of open pages. Best effort, as the feeds are: a change
/// sent while a listener reconnects is not seen there (a page shows it on its next load). On SQLite
/// (one process) it does nothing.
/// </summary>
public sealed class ChangeRelay(
    IOptions<DatabaseOptions> database,
    Sending.SendingInstance instance,
    ActivityFeed activity,
    SuppressionFeed suppressions,
    AlertFeed alerts,
    ILogger<ChangeRelay> logger) : BackgroundService
{
    /// <summary>The PostgreSQL notification channel.</summary>
    public const string Channel = "dashboard_changes";

    // PostgreSQL refuses a payload of 8000 bytes or more; room is left for the envelope.
    internal const int MaxPayloadBytes = 7900;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly Channel<Func<IEnumerable<string>>> _outgoing = System.Threading.Channels.Channel.CreateUnbounded<Func<IEnumerable<string>>>(
        new UnboundedChannelOptions { SingleReader = true });
    private readonly Dictionary<string, Action<JsonElement>> _feeds = [];

    /// <summary>This process (the one instance id its claims carry too), as the origin of what it sends: its own notifications come back to it and are ignored.</summary>
    internal string InstanceId => instance.Id;

    internal bool Enabled => database.Value.Provider == DatabaseProvider.Postgres;

    // Before the listener starts (it is registered after), so every feed is known when notifications arrive.
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        if (Enabled)
        {
            Attach(activity, "activity");
            Attach(suppressions, "suppressions");
            Attach(alerts, "alerts");
        }
        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!Enabled)
        {
            return;
        }
        try
        {
            while (await _outgoing.Reader.WaitToReadAsync(stoppingToken))
            {
                await SendPendingAsync(stoppingToken);
            }
        }
        catch (Exception) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping (a cancelled Npgsql command may end in any error).
        }
    }

    private void Attach<TChange>(ChangeFeed<TChange> feed, string name)
    {
        feed.Relay = changes => _outgoing.Writer.TryWrite(() => Payloads(name, changes));
        _feeds[name] = json => feed.Deliver(json.Deserialize<List<TChange>>(Json) ?? []);
    }

    // Everything queued so far goes in one round trip; the writers never wait for it.
    private async Task SendPendingAsync(CancellationToken cancellationToken)
    {
        var payloads = new List<string>();
        while (payloads.Count < 100 && _outgoing.Reader.TryRead(out var next))
        {
            payloads.AddRange(next());
        }
        try
        {
            await using var connection = new NpgsqlConnection(database.Value.ConnectionString);
            await connection.OpenAsync(cancellationToken);
            await using var batch = new NpgsqlBatch(connection);
            foreach (var payload in payloads)
            {
                batch.BatchCommands.Add(new NpgsqlBatchCommand("SELECT pg_notify($1, $2)") { Parameters = { new() { Value = Channel }, new() { Value = payload } } });
            }
            await batch.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(e, "{Count} live update(s) could not be sent to the other instances", payloads.Count);
        }
    }

    /// <summary>The notifications for one published batch: as many changes in each as fit under <see cref="MaxPayloadBytes"/>.</summary>
    internal IEnumerable<string> Payloads<TChange>(string feed, IReadOnlyList<TChange> changes)
    {
        var prefix = $"{{\"o\":\"{InstanceId}\",\"f\":\"{feed}\",\"c\":[";
        var payload = new StringBuilder(prefix);
        var bytes = Encoding.UTF8.GetByteCount(prefix) + 2;
        var count = 0;
        foreach (var change in changes)
        {
            var json = JsonSerializer.Serialize(change, Json);
            var size = Encoding.UTF8.GetByteCount(json) + 1;
            if (count > 0 && bytes + size > MaxPayloadBytes)
            {
                yield return payload.Append("]}").ToString();
                payload.Clear().Append(prefix);
                bytes = Encoding.UTF8.GetByteCount(prefix) + 2;
                count = 0;
            }
            payload.Append(count > 0 ? "," : "").Append(json);
            bytes += size;
            count++;
        }
        yield return payload.Append("]}").ToString();
    }

    /// <summary>A notification from the channel: another instance's changes go to this instance's subscribers.</summary>
    internal void Receive(string payload)
    {
        try
        {
            using var document = JsonDocument.Parse(payload);
            var root = document.RootElement;
            if (root.GetProperty("o").GetString() == InstanceId)
            {
                return;
            }
            if (_feeds.TryGetValue(root.GetProperty("f").GetString() ?? "", out var deliver))
            {
                deliver(root.GetProperty("c"));
            }
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            logger.LogWarning(e, "A live update from another instance could not be read");
        }
    }
}
