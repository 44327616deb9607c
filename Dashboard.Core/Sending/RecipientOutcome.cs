using Dashboard.Core.Messages;

namespace Dashboard.Core.Sending;

/// <summary>What happened to one recipient: status, the server's reply, and the advice.</summary>
public sealed record RecipientOutcome(
    string PublicId,
    string Recipient,
    MessageStatus Status,
    int? ReplyCode,
    string? EnhancedStatus,
    string? Response,
    string? Reason,
    string? Advice);
