using Dashboard.Core.Messages;

namespace Dashboard.Core.Sending;

/// <summary>One message to one or more recipients.</summary>
/// <param name="From">Sender address.</param>
/// <param name="To">Recipient addresses; each becomes its own Message row.</param>
/// <param name="Subject">Subject line (no line breaks).</param>
/// <param name="TextBody">Plain-text body; at least one of the bodies is required.</param>
/// <param name="HtmlBody">HTML body.</param>
/// <param name="Source">How it entered the system.</param>
public sealed record SendRequest(
    string From,
    IReadOnlyList<string> To,
    string Subject,
    string? TextBody,
    string? HtmlBody,
    MessageSource Source = MessageSource.Ui)
{
    /// <summary>For demo history only: the time to record instead of now.</summary>
    public DateTimeOffset? BackdateTo { get; init; }

    /// <summary>Set when re-sending: the message this one repeats.</summary>
    public long? ResendOfId { get; init; }

    /// <summary>Labels for the reports' "By tag" table and filter, already valid (see <see cref="Submissions.Tags"/>).</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];
}
