namespace Dashboard.Core.Webhooks;

/// <summary>The events an endpoint can ask for, as they appear in a payload's "type".</summary>
public static class WebhookEventTypes
{
    public const string Delivered = "message.delivered";
    public const string SoftBounce = "message.soft_bounce";
    public const string HardBounce = "message.hard_bounce";
    public const string Rejected = "message.rejected";
    public const string Complaint = "message.complaint";
    public const string Unsubscribe = "message.unsubscribe";
    public const string SuppressionAdded = "suppression.added";
    public const string SuppressionRemoved = "suppression.removed";
    public const string AlertOpened = "alert.opened";
    public const string AlertClosed = "alert.closed";

    /// <summary>Sent only by "send test event", to the one endpoint, whatever it subscribed to.</summary>
    public const string Test = "test";

    /// <summary>Every event an endpoint may subscribe to, in display order.</summary>
    public static readonly IReadOnlyList<string> All =
        [Delivered, SoftBounce, HardBounce, Rejected, Complaint, Unsubscribe, SuppressionAdded, SuppressionRemoved, AlertOpened, AlertClosed];
}
