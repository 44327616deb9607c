namespace Dashboard.Core.Messages;

/// <summary>Where a message stands now. Stored as an integer: do not renumber.</summary>
public enum MessageStatus
{
    Queued = 0,
    Sending = 1,
    Delivered = 2,
    SoftBounced = 3,
    HardBounced = 4,
    Rejected = 5,
    Interrupted = 6,
    Complained = 7,
    Unsubscribed = 8,
}
