using MimeKit;

namespace Dashboard.Core.Sending;

/// <summary>One SMTP envelope: the MIME message, the return path (MAIL FROM) and the recipients (RCPT TO).</summary>
public sealed record OutgoingMessage(MimeMessage Mime, string EnvelopeFrom, IReadOnlyList<string> Recipients);
