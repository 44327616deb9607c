namespace Dashboard.Core.Webhooks;

/// <summary>
/// One event for one endpoint: the outbox. Written in the same transaction as the change it
/// reports, so nothing is lost across a restart; sent and retried by <see cref="WebhookDispatcher"/>.
/// </summary>
public sealed class WebhookDelivery
{
    public long Id { get; set; }

    public long EndpointId { get; set; }

    public WebhookEndpoint? Endpoint { get; set; }

    /// <summary>The "webhook-id" header: the same on every retry, so a receiver can drop duplicates.</summary>
    public required string EventId { get; set; }

    public required string EventType { get; set; }

    /// <summary>The JSON body, exactly as signed and sent.</summary>
    public required string Payload { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset NextAttemptAt { get; set; }

    public int Attempts { get; set; }

    public WebhookDeliveryState State { get; set; }

    public DateTimeOffset? CompletedAt { get; set; }
}
