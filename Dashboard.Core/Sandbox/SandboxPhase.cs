namespace Dashboard.Core.Sandbox;

/// <summary>When a sandbox address gives its answer.</summary>
public enum SandboxPhase
{
    /// <summary>Accepted; the message is delivered.</summary>
    Accept = 0,

    /// <summary>Refused at RCPT TO, before the message is transferred.</summary>
    Recipient = 1,

    /// <summary>Refused after DATA, for every recipient of the transaction (content and size checks).</summary>
    Data = 2,

    /// <summary>The domain does not resolve: no server is ever contacted.</summary>
    DnsFailure = 3,

    /// <summary>The domain's mail server is down: the connection is refused.</summary>
    HostDown = 4,
}
