using Dashboard.Core.Alerts;
using Dashboard.Core.Messages;

namespace Dashboard.Core.Webhooks;

/// <summary>The "data" of each event's payload. Property names go out in snake_case.</summary>
public static class WebhookPayloads
{
    /// <summary>The webhook event a timeline event is, or null when it is none (queued, sending, info …).</summary>
    public static string? TypeOf(MessageEventType type) => type switch
    {
        MessageEventType.Delivered => WebhookEventTypes.Delivered,
        MessageEventType.SoftBounce => WebhookEventTypes.SoftBounce,
        MessageEventType.HardBounce or MessageEventType.BouncedAfterDelivery => WebhookEventTypes.HardBounce,
        MessageEventType.Rejected => WebhookEventTypes.Rejected,
        MessageEventType.Complaint => WebhookEventTypes.Complaint,
        MessageEventType.Unsubscribe => WebhookEventTypes.Unsubscribe,
        _ => null,
    };

    /// <summary>A message event: the message, its recipient and tags, the verdict and the full server response.</summary>
    public static object Message(Message message, MessageEvent evt, IReadOnlyList<string> tags) => new
    {
        MessageId = message.PublicId,
        message.SubmissionId,
        message.Sender,
        message.Recipient,
        Tags = tags,
        Event = evt.Type.ToString(),
        evt.OccurredAt,
        Status = message.Status.ToString(),
        Verdict = evt.Reason is null && evt.IsHard is null ? null : new { evt.Reason, evt.IsHard, evt.Rule },
        evt.ReplyCode,
        evt.EnhancedStatus,
        evt.Response,
        evt.RemoteHost,
        evt.Detail,
    };

    /// <summary>A suppression added or removed.</summary>
    public static object Suppression(string value, string reason, bool added, string by, DateTimeOffset at, string? detail) => new
    {
        Value = value,
        Reason = reason,
        Action = added ? "added" : "removed",
        By = by,
        At = at,
        Detail = detail,
    };

    /// <summary>An alert opened or closed.</summary>
    public static object Alert(Alert alert) => new
    {
        AlertId = alert.Id,
        Rule = alert.Rule.ToString(),
        alert.Subject,
        Severity = alert.Severity.ToString(),
        alert.Summary,
        Value = alert.LastValue,
        alert.Threshold,
        alert.OpenedAt,
        alert.ClosedAt,
    };

    /// <summary>The test event's data.</summary>
    public static object Test(long endpointId, string by) => new { EndpointId = endpointId, Message = "A test event from the deliverability dashboard.", By = by };
}
