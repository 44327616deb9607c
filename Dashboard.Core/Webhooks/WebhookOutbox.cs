using System.Text.Json;
using System.Text.Json.Serialization;
using Dashboard.Core.Data;
using Dashboard.Core.Messages;
using Dashboard.Core.Sending;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Webhooks;

/// <summary>
/// Puts events in the outbox: one <see cref="WebhookDelivery"/> per enabled endpoint that wants the
/// event, added to the caller's context so they commit (or not) with the change they report.
/// </summary>
public sealed class WebhookOutbox(TimeProvider time)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    private readonly SemaphoreSlim _wake = new(0, 1);

    /// <summary>
    /// Adds deliveries of <paramref name="eventType"/> with <paramref name="data"/> to <paramref name="db"/>
    /// for every enabled endpoint that subscribed to it; the caller saves. Returns how many.
    /// </summary>
    public async Task<int> AddAsync(DashboardDbContext db, string eventType, object data, CancellationToken cancellationToken = default)
    {
        var endpoints = await db.WebhookEndpoints.AsNoTracking().Where(e => e.Enabled).ToListAsync(cancellationToken);
        var wanted = endpoints.Where(e => e.Wants(eventType)).ToList();
        if (wanted.Count > 0)
        {
            Add(db, wanted, eventType, data);
        }
        return wanted.Count;
    }

    /// <summary>
    /// Adds deliveries for every timeline event added to <paramref name="db"/> and not yet saved that
    /// is a webhook event (delivered, bounces, rejected, complaint, unsubscribe); the caller saves.
    /// Returns how many deliveries it added (none: nobody needs waking).
    /// </summary>
    public async Task<int> AddMessageEventsAsync(DashboardDbContext db, CancellationToken cancellationToken = default)
    {
        var events = db.ChangeTracker.Entries<MessageEvent>()
            .Where(e => e.State == EntityState.Added && WebhookPayloads.TypeOf(e.Entity.Type) is not null)
            .Select(e => e.Entity)
            .ToList();
        if (events.Count == 0)
        {
            return 0;
        }
        var endpoints = await db.WebhookEndpoints.AsNoTracking().Where(e => e.Enabled).ToListAsync(cancellationToken);
        var added = 0;
        foreach (var evt in events)
        {
            var type = WebhookPayloads.TypeOf(evt.Type)!;
            var wanted = endpoints.Where(e => e.Wants(type)).ToList();
            var message = evt.Message ?? db.Messages.Local.FirstOrDefault(m => m.Id == evt.MessageId);
            if (wanted.Count > 0 && message is not null)
            {
                Add(db, wanted, type, WebhookPayloads.Message(message, evt, Submissions.Tags.Split(message.Tags)));
                added += wanted.Count;
            }
        }
        return added;
    }

    /// <summary>Adds one delivery of <paramref name="eventType"/> for each of <paramref name="endpoints"/>, whatever they subscribed to.</summary>
    internal void Add(DashboardDbContext db, IEnumerable<WebhookEndpoint> endpoints, string eventType, object data)
    {
        var now = time.GetUtcNow();
        var eventId = "msg_" + PublicIds.New();
        var payload = JsonSerializer.Serialize(new { Type = eventType, Timestamp = now, Data = data }, Json);
        foreach (var endpoint in endpoints)
        {
            db.WebhookDeliveries.Add(new WebhookDelivery
            {
                EndpointId = endpoint.Id,
                EventId = eventId,
                EventType = eventType,
                Payload = payload,
                CreatedAt = now,
                NextAttemptAt = now,
                State = WebhookDeliveryState.Pending,
            });
        }
    }

    /// <summary>Tells the dispatcher there is new work (call after the commit).</summary>
    public void Wake()
    {
        if (_wake.CurrentCount == 0)
        {
            try { _wake.Release(); }
            catch (SemaphoreFullException) { /* already awake */ }
        }
    }

    /// <summary>Waits until <see cref="Wake"/> is called or <paramref name="timeout"/> passes.</summary>
    internal Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _wake.WaitAsync(timeout, cancellationToken);
}
