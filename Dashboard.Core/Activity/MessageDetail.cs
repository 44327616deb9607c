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

    /// <summary>The d= of the DKIM signature the dashboard added; null when it did not sign.</summary>
    public string? DkimDomain { get; init; }

    /// <summary>The s= (selector) of that signature.</summary>
    public string? DkimSelector { get; init; }

    /// <summary>Whether and how the dashboard signed it, in words, for the timeline.</summary>
    public string Signing => DkimDomain is null
        ? "Not DKIM-signed by the dashboard: its From domain is not a sender domain."
        : $"DKIM-signed as {DkimDomain} with the selector {DkimSelector} (published at {DkimSelector}._domainkey.{DkimDomain}).";
}
