namespace Dashboard.Core.Classification;

/// <summary>
/// The reason vocabulary (Sisimai's names, as in the corpus README) in one table: plain words, advice,
/// hard/soft policy and whether a soft bounce counts toward the streak. Every page, the CSV and the API
/// read it from here.
/// </summary>
public static class Reasons
{
    public const string Delivered = "delivered";
    public const string Feedback = "feedback";
    public const string Vacation = "vacation";
    public const string UserUnknown = "userunknown";
    public const string HostUnknown = "hostunknown";
    public const string HasMoved = "hasmoved";
    public const string NotAccept = "notaccept";
    public const string MailboxFull = "mailboxfull";
    public const string MesgTooBig = "mesgtoobig";
    public const string ExceedLimit = "exceedlimit";
    public const string Suspend = "suspend";
    public const string Filtered = "filtered";
    public const string Rejected = "rejected";
    public const string Blocked = "blocked";
    public const string SpamDetected = "spamdetected";
    public const string VirusDetected = "virusdetected";
    public const string PolicyViolation = "policyviolation";
    public const string SecurityError = "securityerror";
    public const string TooManyConn = "toomanyconn";
    public const string SystemError = "systemerror";
    public const string SystemFull = "systemfull";
    public const string NetworkError = "networkerror";
    public const string Expired = "expired";
    public const string ContentError = "contenterror";
    public const string MailerError = "mailererror";
    public const string NoRelaying = "norelaying";
    public const string SyntaxError = "syntaxerror";
    public const string OnHold = "onhold";
    public const string Undefined = "undefined";

    /// <summary>Not a classifier verdict: the message was never sent because the address is on the suppression list.</summary>
    public const string Suppressed = "suppressed";

    /// <summary>
    /// Advice for a hard bounce that came after the message was delivered: the address that failed is
    /// the one the recipient forwards to, so a typo check of our address is the wrong advice.
    /// </summary>
    public const string AfterDeliveryAdvice =
        "The message was delivered, then the recipient's server forwarded it and the forward target failed. "
        + "The recipient must fix or remove their forwarding; the address you mailed is not misspelled.";

    private const HardnessPolicy Hard = HardnessPolicy.Hard;
    private const HardnessPolicy Soft = HardnessPolicy.Soft;
    private const HardnessPolicy None = HardnessPolicy.NotAFailure;

    // Name, plain words, advice, policy, counts toward the soft-bounce streak.
    private static readonly ReasonInfo[] Table =
    [
        new(Delivered, "Delivered", "Nothing to do: the message was delivered.", None, false),
        new(Feedback, "The recipient reported the message as spam", "The recipient marked the message as spam: stop mailing this address.", None, false),
        new(Vacation, "An automatic out-of-office reply", "An automatic reply: nothing to do.", None, false),
        new(UserUnknown, "The mailbox does not exist", "The mailbox does not exist: check the address for a typo, then remove it from your list.", Hard, true),
        new(HostUnknown, "The domain does not exist or has no mail server", "The domain has no mail server: check for a typo (yohoo.com), then remove the address.", Hard, true),
        new(HasMoved, "The recipient has moved to another address", "The recipient has moved: ask for the new address and remove this one.", Hard, true),
        new(NotAccept, "The domain accepts no mail", "The domain accepts no mail: remove the address.", HardnessPolicy.HardWhenPermanentCode, true),
        new(MailboxFull, "The mailbox is full", "The mailbox is full: try again later; remove the address if it stays full.", Soft, true),
        new(MesgTooBig, "The message is too large", "The message is too large: trim attachments or link to them instead.", Soft, false),
        new(ExceedLimit, "The message exceeds a limit of the destination", "The message exceeds a limit of the receiving server: make it smaller or send fewer at once.", Soft, false),
        new(Suspend, "The account exists but is disabled", "The account is disabled or suspended: try later; remove the address if it persists.", Soft, true),
        new(Filtered, "A filter at the destination refused the message", "The recipient's filter refused the message: check content and sender; the address may still work.", Soft, false),
        new(Rejected, "The sender address or its domain was refused", "The server refused your sender address or domain: check your envelope sender, SPF and DNS.", Soft, false),
        new(Blocked, "Your sending IP or domain was refused (blocklist or reputation)", "Your IP or domain is blocked or on a blocklist: check blocklists and reputation, then request delisting.", Soft, false),
        new(SpamDetected, "The content was taken for spam", "The message was judged as spam: review the content and links.", Soft, false),
        new(VirusDetected, "The receiving server found a virus", "A virus was found in the message: scan and remove the attachment.", Soft, false),
        new(PolicyViolation, "Refused by the destination's policy", "The receiving domain's policy refused the message: check authentication (SPF, DKIM, DMARC) and content rules.", Soft, false),
        new(SecurityError, "Refused for a security reason (authentication or TLS)", "A security requirement failed (authentication or TLS): check your sending setup.", Soft, false),
        new(TooManyConn, "Throttled: too many connections or messages at once", "You are being throttled: slow down and check your sending volume.", Soft, false),
        new(SystemError, "The receiving server had an error", "The receiving server had an error: try again later.", Soft, true),
        new(SystemFull, "The receiving server is out of storage", "The receiving server is out of storage: try again later.", Soft, true),
        new(NetworkError, "The receiving server could not be reached", "The receiving server could not be reached: it may be temporarily unavailable; try again later.", Soft, true),
        new(Expired, "Gave up after trying for too long", "Delivery kept failing until the sending server gave up: try again later.", Soft, true),
        new(ContentError, "The message's headers or format were refused", "The message's headers or format were refused: check how the message is built.", Soft, false),
        new(MailerError, "The destination's delivery program failed", "The recipient's local delivery program failed: try again later or contact the recipient.", Soft, true),
        new(NoRelaying, "The server refused to relay", "The server does not relay for that domain: check the address and your smarthost settings.", Soft, false),
        new(SyntaxError, "The SMTP conversation had a syntax error", "The SMTP conversation had a syntax error: check your sending software.", Soft, false),
        new(OnHold, "The cause could not be decided", "The cause could not be determined: read the server's text; try again later.", Soft, true),
        new(Undefined, "The cause could not be determined", "The cause could not be determined: read the server's text.", Soft, true),
        new(Suppressed, "The address is on the suppression list", "The address is suppressed: see the suppression for why and until when.", None, false),
    ];

    private static readonly Dictionary<string, ReasonInfo> ByName = Table.ToDictionary(r => r.Name, StringComparer.OrdinalIgnoreCase);

    /// <summary>Every reason, in the table's order.</summary>
    public static IReadOnlyList<ReasonInfo> All => Table;

    /// <summary>The entry for <paramref name="reason"/>; an unknown name reads as <see cref="Undefined"/> under its own name.</summary>
    public static ReasonInfo For(string? reason) =>
        reason is not null && ByName.TryGetValue(reason, out var info) ? info : ByName[Undefined] with { Name = reason ?? Undefined };

    /// <summary>The reason in plain words; empty when there is no reason.</summary>
    public static string Describe(string? reason) => string.IsNullOrEmpty(reason) ? "" : For(reason).Words;

    /// <summary>The policy that follows from a reason: userunknown, hostunknown, hasmoved are hard;
    /// notaccept is hard with a 5xx code; delivered, feedback, vacation are not failures; the rest is soft.</summary>
    public static HardnessPolicy PolicyFor(string reason) => For(reason).Policy;

    /// <summary>Plain-words advice for a reason, used when a rule gives none of its own.</summary>
    public static string AdviceFor(string reason) => For(reason).Advice;

    /// <summary>Whether a soft bounce for <paramref name="reason"/> counts toward the soft-bounce streak.</summary>
    public static bool CountsTowardStreak(string reason) => For(reason).CountsTowardStreak;

    /// <summary>Applies a policy to a reply: null for non-failures.</summary>
    public static bool? IsHard(HardnessPolicy policy, int? replyCode, string? enhancedStatus) => policy switch
    {
        HardnessPolicy.NotAFailure => null,
        HardnessPolicy.Hard => true,
        HardnessPolicy.Soft => false,
        // Unless the server said 4xx, a domain that accepts no mail will not start accepting it.
        _ => replyCode is >= 500 and < 600 || (replyCode is null && enhancedStatus is not ['4', ..]),
    };
}
