using Dashboard.Core.Messages;

namespace Dashboard.Core.Activity;

/// <summary>One line of the activity list (and of its CSV export).</summary>
public sealed record ActivityRow(
    long Id,
    string PublicId,
    DateTimeOffset CreatedAt,
    MessageStatus Status,
    string Recipient,
    string Sender,
    string Subject,
    int? ReplyCode,
    string? EnhancedStatus,
    string? Response,
    string? Reason,
    bool? IsHard,
    string? MessageIdHeader,
    MessageSource Source = MessageSource.Ui,
    IReadOnlyList<string>? Tags = null)
{
    /// <summary>The first line of the last server response, for a one-line column.</summary>
    public string? ResponseFirstLine => Response is null ? null : Response.Split('\n', 2)[0].TrimEnd('\r');
}
