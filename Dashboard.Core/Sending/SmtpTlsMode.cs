namespace Dashboard.Core.Sending;

/// <summary>How the connection to a smarthost is secured.</summary>
public enum SmtpTlsMode
{
    /// <summary>Plain text (only for a relay on the same host or network).</summary>
    None = 0,

    /// <summary>Connect in plain text, then require STARTTLS (port 587).</summary>
    StartTls = 1,

    /// <summary>TLS from the first byte (port 465).</summary>
    SslOnConnect = 2,

    /// <summary>TLS on connect for port 465, STARTTLS when offered otherwise.</summary>
    Auto = 3,
}
