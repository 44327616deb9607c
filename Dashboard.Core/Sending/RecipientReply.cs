using Dashboard.Core.Classification;

namespace Dashboard.Core.Sending;

/// <summary>What the receiving side said about one recipient.</summary>
/// <param name="Recipient">The address, as given in RCPT TO.</param>
/// <param name="ReplyCode">SMTP reply code; null when no server answered (connection or DNS failure).</param>
/// <param name="EnhancedStatus">RFC 3463 code found at the start of the text, e.g. "5.1.1".</param>
/// <param name="Text">The reply text without the code, verbatim; for failures without a reply, what went wrong.</param>
/// <param name="RemoteHost">The server that answered (host:port), when known.</param>
/// <param name="Failure">Set when no reply to the envelope was read: what went wrong instead.</param>
/// <param name="Phase">The step of the session the reply answered. Defaults to <see cref="SmtpPhase.Rcpt"/>.</param>
public sealed record RecipientReply(
    string Recipient, int? ReplyCode, string? EnhancedStatus, string Text, string? RemoteHost,
    ConnectionFailure? Failure = null, SmtpPhase Phase = SmtpPhase.Rcpt)
{
    /// <summary>The reply as the server wrote it: code and text, or the failure text alone.</summary>
    public string FullResponse => ReplyCode is { } code ? $"{code} {Text}" : Text;
}
