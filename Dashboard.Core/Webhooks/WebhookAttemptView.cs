namespace Dashboard.Core.Webhooks;

/// <summary>A line of an endpoint's delivery log.</summary>
public sealed record WebhookAttemptView(
    long DeliveryId, string EventId, string EventType, int Attempt, DateTimeOffset AttemptedAt, int? StatusCode, int DurationMs, string Excerpt,
    WebhookDeliveryState State, DateTimeOffset? NextAttemptAt);
