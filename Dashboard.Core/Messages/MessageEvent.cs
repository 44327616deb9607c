namespace Dashboard.Core.Messages;

/// <summary>An append-only entry of a message's timeline.</summary>
public sealed class MessageEvent
{
    public long Id { get; set; }

    public long MessageId { get; set; }

    public Message? Message { get; set; }

    public DateTimeOffset OccurredAt { get; set; }

    public MessageEventType Type { get; set; }

    public int? ReplyCode { get; set; }

    public string? EnhancedStatus { get; set; }

    /// <summary>The receiving server's full response, verbatim and never truncated.</summary>
    public string? Response { get; set; }

    public string? RemoteHost { get; set; }

    // The classifier's verdict, for bounces.
    public string? Reason { get; set; }
    public bool? IsHard { get; set; }
    public string? Rule { get; set; }
    public string? Evidence { get; set; }
    public string? Advice { get; set; }

    /// <summary>Free text for the timeline, e.g. "Rejected: address suppressed until …".</summary>
    public string? Detail { get; set; }

    /// <summary>Who caused the event (a user name, "api", "system").</summary>
    public string? Actor { get; set; }

    /// <summary>The suppression that caused (Rejected) or resulted from (bounce) this event.</summary>
    public long? SuppressionId { get; set; }

    public Suppressions.Suppression? Suppression { get; set; }
}
