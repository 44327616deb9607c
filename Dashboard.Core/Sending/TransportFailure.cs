namespace Dashboard.Core.Sending;

/// <summary>A failure before any SMTP reply to the envelope could be read.</summary>
public enum TransportFailure
{
    /// <summary>Nothing listens at the server's port.</summary>
    Refused = 0,
    TimedOut = 1,
    /// <summary>DNS says the domain does not exist.</summary>
    DomainNotFound = 2,
    /// <summary>The domain has no mail server.</summary>
    NoMailServer = 3,
    /// <summary>The server refused us at the greeting or EHLO (e.g. 421 busy).</summary>
    GreetingRejected = 4,
    TlsFailed = 5,
    /// <summary>The connection dropped, or another network error.</summary>
    NetworkError = 6,
}
