namespace Dashboard.Core.Sending;

/// <summary>Where outgoing mail goes.</summary>
public enum TransportKind
{
    /// <summary>The built-in sandbox of receiving servers on 127.0.0.1: nothing leaves the machine.</summary>
    Sandbox = 0,

    /// <summary>An SMTP relay (smarthost) that delivers onwards.</summary>
    Smarthost = 1,

    /// <summary>Straight to each recipient domain's own mail servers (MX records), on port 25.</summary>
    DirectMx = 2,
}
