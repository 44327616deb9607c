namespace Dashboard.Core.Activity;

/// <summary>The classifier's reason codes (Sisimai's vocabulary) in plain words, for the timeline.</summary>
public static class BounceReasonText
{
    private static readonly Dictionary<string, string> Plain = new(StringComparer.OrdinalIgnoreCase)
    {
        ["userunknown"] = "The mailbox does not exist at the destination.",
        ["filtered"] = "A filter at the destination refused the message after reading it.",
        ["mailboxfull"] = "The recipient's mailbox is full.",
        ["blocked"] = "The receiving server refused your sending server (blocklist, reverse DNS or reputation).",
        ["expired"] = "Delivery was given up after retrying for too long.",
        ["rejected"] = "The sender address or its domain was refused.",
        ["policyviolation"] = "The destination's local policy refused the message.",
        ["feedback"] = "The recipient reported the message as spam.",
        ["hostunknown"] = "The recipient's domain does not exist or has no mail server.",
        ["suspend"] = "The recipient's account exists but is disabled or suspended.",
        ["networkerror"] = "The destination could not be reached (DNS or network trouble).",
        ["onhold"] = "The cause could not be decided from the server's answer.",
        ["toomanyconn"] = "The destination is limiting how fast it accepts mail (rate limit).",
        ["securityerror"] = "Refused for a security reason (authentication or TLS).",
        ["spamdetected"] = "The destination's spam filter refused the message.",
        ["mailererror"] = "The destination's local delivery program failed.",
        ["systemerror"] = "The destination system had an internal error.",
        ["notaccept"] = "The destination does not accept mail at all.",
        ["mesgtoobig"] = "The message is larger than the destination allows.",
        ["vacation"] = "An automatic out-of-office reply, not a failure.",
        ["delivered"] = "Delivered.",
        ["exceedlimit"] = "The message exceeds a limit of the destination.",
        ["norelaying"] = "The server refused to relay for that domain.",
        ["syntaxerror"] = "The SMTP conversation had a syntax error.",
        ["hasmoved"] = "The recipient has moved to another address.",
        ["undefined"] = "The reason could not be determined.",
        ["systemfull"] = "The destination server's disk is full.",
        ["virusdetected"] = "The destination found a virus in the message.",
        ["contenterror"] = "The message's header or format was refused as malformed.",
    };

    /// <summary>A sentence for <paramref name="reason"/>; the code itself when it is not known.</summary>
    public static string Describe(string? reason) =>
        reason is null ? "" : Plain.TryGetValue(reason, out var text) ? text : reason;
}
