namespace Dashboard.Core.Webhooks;

/// <summary>Where a webhook delivery stands. Stored as an integer: do not renumber.</summary>
public enum WebhookDeliveryState
{
    /// <summary>Waiting for its first or next attempt.</summary>
    Pending = 0,

    /// <summary>The endpoint answered 2xx.</summary>
    Delivered = 1,

    /// <summary>Every attempt for the retry period failed; given up.</summary>
    Failed = 2,
}
