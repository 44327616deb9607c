using Dashboard.Core.Messages;

namespace Dashboard.Core.Submissions;

/// <summary>
/// A finished message from the relay or the API: the envelope, the exact bytes to send, and how it
/// came in. Each recipient becomes its own stored message; the bytes go out unchanged.
/// </summary>
/// <param name="EnvelopeFrom">The client's MAIL FROM (or the API's from); the message goes out with our signed return path instead.</param>
/// <param name="Recipients">Envelope recipients, lower case, distinct (Bcc included).</param>
/// <param name="Mime">The message as the client wrote it.</param>
/// <param name="Subject">The Subject header, for the activity list.</param>
/// <param name="MessageIdHeader">The Message-ID header without angle brackets, if any.</param>
/// <param name="Source">Relay or Api.</param>
/// <param name="SubmittedBy">The credential's or key's name.</param>
/// <param name="Tags">Up to 3 labels.</param>
public sealed record Submission(
    string EnvelopeFrom,
    IReadOnlyList<string> Recipients,
    byte[] Mime,
    string Subject,
    string? MessageIdHeader,
    MessageSource Source,
    string SubmittedBy,
    IReadOnlyList<string> Tags);

/// <summary>One recipient's stored message: its public id and whether it will be sent.</summary>
/// <param name="Id">The message's public id.</param>
/// <param name="Recipient">The address.</param>
/// <param name="Status">Queued, or Rejected when the address is suppressed (it is recorded, not sent).</param>
/// <param name="RejectedBecause">The suppression, in words, when rejected.</param>
public sealed record SubmittedRecipient(string Id, string Recipient, MessageStatus Status, string? RejectedBecause);

/// <summary>The submission could not be stored; nothing of it was. The client should try again later.</summary>
public sealed class SubmissionNotStoredException(Exception inner)
    : Exception("The message could not be stored; nothing of it was kept.", inner);
