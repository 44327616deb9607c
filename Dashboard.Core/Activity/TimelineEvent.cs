using Dashboard.Core.Messages;

namespace Dashboard.Core.Activity;

/// <summary>One entry of a message's timeline, with the server's full response verbatim.</summary>
public sealed record TimelineEvent(
    long Id,
    DateTimeOffset OccurredAt,
    MessageEventType Type,
    int? ReplyCode,
    string? EnhancedStatus,
    string? Response,
    string? RemoteHost,
    string? Reason,
    bool? IsHard,
    string? Rule,
    string? Evidence,
    string? Advice,
    string? Detail,
    string? Actor,
    SuppressionSummary? Suppression)
{
    /// <summary>The reason in plain words (empty when there is none).</summary>
    public string ReasonText => Classification.Reasons.Describe(Reason);
}
