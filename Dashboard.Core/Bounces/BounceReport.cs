namespace Dashboard.Core.Bounces;

/// <summary>One recipient's result, read from a bounce, success DSN, complaint or auto-reply.</summary>
/// <param name="Kind">Bounce, delivered, complaint or auto-reply.</param>
/// <param name="Recipient">The address the report is about, as written in it.</param>
/// <param name="Action">The DSN Action (failed, delayed, delivered, …), or null for non-DSN texts.</param>
/// <param name="EnhancedStatus">RFC 3463 status (e.g. 5.1.1), or null when none was found.</param>
/// <param name="ReplyCode">SMTP reply code (e.g. 550), or null when none was found.</param>
/// <param name="Diagnostic">The remote server's diagnostic text as found in the report, whitespace collapsed.</param>
/// <param name="RemoteMta">The remote MTA named by the report, when known.</param>
/// <param name="Reason">Reason from the vocabulary (userunknown, mailboxfull, feedback, vacation, delivered, …).</param>
/// <param name="Hard">True: permanent; false: temporary; null: not a failure (delivered, complaint, auto-reply).</param>
/// <param name="Rule">The classifier rule that decided the reason.</param>
/// <param name="Advice">What the sender should do, in plain words.</param>
/// <param name="Original">What identifies the original message.</param>
public sealed record BounceReport(
    BounceKind Kind,
    string Recipient,
    string? Action,
    string? EnhancedStatus,
    int? ReplyCode,
    string? Diagnostic,
    string? RemoteMta,
    string Reason,
    bool? Hard,
    string Rule,
    string Advice,
    OriginalMessage Original)
{
    /// <summary>The DSN's Original-Recipient (the address as we sent it) when it differs from <see cref="Recipient"/>, e.g. after forwarding.</summary>
    public string? OriginalRecipient { get; init; }

    /// <summary>
    /// True when the report is about <paramref name="address"/>: it names it as the recipient (or as
    /// the original recipient, before forwarding), or names no recipient at all (a redacted complaint).
    /// A report about another address never acts on a message to this one.
    /// </summary>
    public bool IsAbout(string address) =>
        string.Equals(Recipient, address, StringComparison.OrdinalIgnoreCase)
        || string.Equals(OriginalRecipient, address, StringComparison.OrdinalIgnoreCase)
        || Recipient == BounceParser.UndisclosedRecipient;

    /// <summary>A delay warning ("Action: delayed"): a server is still trying, nothing is final yet.</summary>
    public bool IsDelayWarning => string.Equals(Action, "delayed", StringComparison.OrdinalIgnoreCase);
}
