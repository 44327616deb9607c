namespace Dashboard.Core.Webhooks;

/// <summary>One HTTP attempt of a delivery: the endpoint's delivery log.</summary>
public sealed class WebhookAttempt
{
    public long Id { get; set; }

    public long DeliveryId { get; set; }

    public long EndpointId { get; set; }

    public DateTimeOffset AttemptedAt { get; set; }

    /// <summary>The HTTP status; null when no answer came (refused, timeout, blocked address).</summary>
    public int? StatusCode { get; set; }

    public int DurationMs { get; set; }

    /// <summary>The first characters of the answer's body, or the error.</summary>
    public string Excerpt { get; set; } = "";
}
