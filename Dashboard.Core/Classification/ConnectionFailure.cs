namespace Dashboard.Core.Classification;

/// <summary>A failure before any SMTP reply could be read, for <see cref="ReplyClassifier.ClassifyConnectionFailure"/>.</summary>
public enum ConnectionFailure
{
    /// <summary>The TCP connection was refused (nothing listening).</summary>
    Refused = 0,
    /// <summary>Connecting or reading timed out.</summary>
    TimedOut = 1,
    /// <summary>DNS says the domain does not exist (NXDOMAIN).</summary>
    DomainNotFound = 2,
    /// <summary>The domain exists but has no MX and no address record (or a null MX).</summary>
    NoMailServer = 3,
    /// <summary>The server answered the greeting with 4xx/5xx (e.g. 421 too busy).</summary>
    GreetingRejected = 4,
    /// <summary>The TLS handshake failed.</summary>
    TlsFailed = 5,
    /// <summary>The connection dropped or another network error happened.</summary>
    NetworkError = 6,
}
