namespace Dashboard.Core.Messages;

/// <summary>What happened to a message. Stored as an integer: do not renumber.</summary>
public enum MessageEventType
{
    Queued = 0,
    Sending = 1,
    Delivered = 2,
    SoftBounce = 3,
    HardBounce = 4,
    Rejected = 5,
    Interrupted = 6,
    Complaint = 7,
    AutoReply = 8,
    BouncedAfterDelivery = 9,
    Unsubscribe = 10,
    Resent = 11,
    Info = 12,

    /// <summary>A report that names this message without a valid signed token: recorded, never acting by itself.</summary>
    Unverified = 13,
}
