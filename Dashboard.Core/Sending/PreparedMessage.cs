using MimeKit;

namespace Dashboard.Core.Sending;

/// <summary>A validated submission, ready to store: the MIME message and the normalised addresses.</summary>
internal sealed record PreparedMessage(MimeMessage Mime, byte[] Bytes, string From, IReadOnlyList<string> Recipients);
