namespace Dashboard.Core.Webhooks;

/// <summary>A URL that receives signed event payloads.</summary>
public sealed class WebhookEndpoint
{
    public long Id { get; set; }

    public required string Url { get; set; }

    public string Description { get; set; } = "";

    /// <summary>The subscribed event types (<see cref="WebhookEventTypes"/>), space-separated.</summary>
    public string Events { get; set; } = "";

    /// <summary>The signing secret, "whsec_" + base64 of 32 random bytes (the Standard Webhooks form).</summary>
    public required string Secret { get; set; }

    public bool Enabled { get; set; } = true;

    public DateTimeOffset CreatedAt { get; set; }

    public string CreatedBy { get; set; } = "";

    public IReadOnlyList<string> EventList => Events.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    public bool Wants(string eventType) => EventList.Contains(eventType);
}
