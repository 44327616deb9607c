namespace Dashboard.Core.Sandbox;

/// <summary>What a sandbox mailbox sends back after accepting a message.</summary>
public enum SandboxAftermath
{
    None = 0,

    /// <summary>Forwards to a second hop that refuses: a DSN comes back to the return path.</summary>
    ForwardBounce = 1,

    /// <summary>Files a spam complaint (ARF) for a share of messages.</summary>
    Complaint = 2,

    /// <summary>Sends an out-of-office auto-reply (RFC 3834).</summary>
    AutoReply = 3,
}
