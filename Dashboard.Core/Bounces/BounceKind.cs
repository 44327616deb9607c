namespace Dashboard.Core.Bounces;

/// <summary>What kind of asynchronous report a parsed message is.</summary>
public enum BounceKind
{
    /// <summary>A delivery failure or delay (DSN or a server's own wording).</summary>
    Bounce = 0,
    /// <summary>A success DSN: the message was delivered, relayed or expanded.</summary>
    Delivered = 1,
    /// <summary>A spam complaint from a feedback loop (ARF, RFC 5965).</summary>
    Complaint = 2,
    /// <summary>An automatic reply such as out-of-office (RFC 3834).</summary>
    AutoReply = 3,
}
