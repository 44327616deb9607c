using MimeKit;

namespace Dashboard.Core.Bounces;

/// <summary>The parts of a parsed message the bounce readers look at.</summary>
internal sealed class MessageView
{
    public required HeaderList Headers { get; init; }

    /// <summary>Human-readable text of the report (before any returned message), plain text.</summary>
    public string ErrorText { get; set; } = "";

    /// <summary>True when the message is multipart/report (any report type).</summary>
    public string? ReportType { get; set; }

    /// <summary>Delivery-status blocks: the first is per-message when it has no recipient field.</summary>
    public List<Dictionary<string, string>> DeliveryStatus { get; } = [];

    /// <summary>Fields of a message/feedback-report part, when present.</summary>
    public Dictionary<string, string>? Feedback { get; set; }

    /// <summary>Every Original-Rcpt-To of the feedback report, in order.</summary>
    public List<string> FeedbackRecipients { get; } = [];

    /// <summary>Headers of the returned message (message/rfc822 or text/rfc822-headers), when present.</summary>
    public HeaderList? OriginalHeaders { get; set; }

    private Classification.SmtpPhase? command;
    private bool commandSearched;

    /// <summary>The SMTP command the report's prose says was refused (searched once, on demand).</summary>
    public Classification.SmtpPhase? Command
    {
        get
        {
            if (!commandSearched)
            {
                command = SmtpText.FindCommand(ErrorText);
                commandSearched = true;
            }
            return command;
        }
    }

    public string Subject => Headers[HeaderId.Subject] ?? "";

    public string From => Headers[HeaderId.From] ?? "";
}
