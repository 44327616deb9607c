namespace Dashboard.Core.Bounces.Inbound;

/// <summary>What an inbound report says happened.</summary>
public enum InboundReportKind
{
    Bounce = 0,
    Delivered = 1,
    Complaint = 2,
    AutoReply = 3,
    /// <summary>A delay warning ("Action: delayed"): the sending side is still trying.</summary>
    Delayed = 4,
}
