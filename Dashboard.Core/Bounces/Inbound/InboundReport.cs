namespace Dashboard.Core.Bounces.Inbound;

/// <summary>
/// The few facts the matcher needs from one recipient's report, whichever parser read it.
/// </summary>
/// <param name="Kind">Bounce, success, complaint, auto-reply or delay.</param>
/// <param name="Recipient">The address the report is about.</param>
/// <param name="EnhancedStatus">RFC 3463 code, when found.</param>
/// <param name="ReplyCode">SMTP reply code, when found.</param>
/// <param name="Diagnostic">The remote server's full diagnostic text.</param>
/// <param name="RemoteMta">The server that refused, when named.</param>
/// <param name="Reason">Reason from the vocabulary.</param>
/// <param name="Hard">True permanent, false temporary, null not a failure.</param>
/// <param name="Rule">The classifier rule that decided.</param>
/// <param name="Advice">What the sender should do.</param>
/// <param name="OriginalMessageId">The returned message's Message-ID, without angle brackets.</param>
/// <param name="ReturnPath">Where the report says it was sent (our return path, with its token), when found.</param>
public sealed record InboundReport(
    InboundReportKind Kind,
    string Recipient,
    string? EnhancedStatus,
    int? ReplyCode,
    string? Diagnostic,
    string? RemoteMta,
    string Reason,
    bool? Hard,
    string Rule,
    string Advice,
    string? OriginalMessageId,
    string? ReturnPath);
