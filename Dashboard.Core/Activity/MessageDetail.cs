using Dashboard.Core.Messages;

namespace Dashboard.Core.Activity;

/// <summary>
/// Everything the message page shows: the header, the related messages and the timeline.
/// <c>SubmittedBy</c> is the user, or "API", "demo", "relay" when no user sent it; <c>Events</c> are
/// oldest first (ties by Id).
/// </summary>
public sealed record MessageDetail(
    long Id,
    string PublicId,
    MessageStatus Status,
    string Recipient,
    string Sender,
    string Subject,
    string? MessageIdHeader,
    int SizeBytes,
    MessageSource Source,
    string SubmittedBy,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    bool BouncedAfterDelivery,
    int? LastReplyCode,
    string? LastEnhancedStatus,
    string? Reason,
    bool? IsHard,
    bool HasContent,
    MessageLink? ResendOf,
    IReadOnlyList<MessageLink> ResentAs,
    IReadOnlyList<TimelineEvent> Events)
{
    /// <summary>The message's tags (X-Tag header or the API's tags).</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];
}
