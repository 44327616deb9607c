namespace Dashboard.Core.Classification;

/// <summary>The reason vocabulary (Sisimai's names, as in the corpus README) and its hard/soft policy.</summary>
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

    /// <summary>The policy that follows from a reason: userunknown, hostunknown, hasmoved are hard;
    /// notaccept is hard with a 5xx code; delivered, feedback, vacation are not failures; the rest is soft.</summary>
    public static HardnessPolicy PolicyFor(string reason) => reason switch
    {
        UserUnknown or HostUnknown or HasMoved => HardnessPolicy.Hard,
        NotAccept => HardnessPolicy.HardWhenPermanentCode,
        Delivered or Feedback or Vacation => HardnessPolicy.NotAFailure,
        _ => HardnessPolicy.Soft,
    };

    /// <summary>Applies a policy to a reply: null for non-failures.</summary>
    public static bool? IsHard(HardnessPolicy policy, int? replyCode, string? enhancedStatus) => policy switch
    {
        HardnessPolicy.NotAFailure => null,
        HardnessPolicy.Hard => true,
        HardnessPolicy.Soft => false,
        // Unless the server said 4xx, a domain that accepts no mail will not start accepting it.
        _ => replyCode is >= 500 and < 600 || (replyCode is null && enhancedStatus is not ['4', ..]),
    };

    /// <summary>Plain-words advice for a reason, used when a rule gives none of its own.</summary>
    public static string AdviceFor(string reason) => reason switch
    {
        Delivered => "Nothing to do: the message was delivered.",
        Feedback => "The recipient marked the message as spam: stop mailing this address.",
        Vacation => "An automatic reply: nothing to do.",
        UserUnknown => "The mailbox does not exist: check the address for a typo, then remove it from your list.",
        HostUnknown => "The domain has no mail server: check for a typo (yohoo.com), then remove the address.",
        HasMoved => "The recipient has moved: ask for the new address and remove this one.",
        NotAccept => "The domain accepts no mail: remove the address.",
        MailboxFull => "The mailbox is full: try again later; remove the address if it stays full.",
        MesgTooBig => "The message is too large: trim attachments or link to them instead.",
        ExceedLimit => "The message exceeds a limit of the receiving server: make it smaller or send fewer at once.",
        Suspend => "The account is disabled or suspended: try later; remove the address if it persists.",
        Filtered => "The recipient's filter refused the message: check content and sender; the address may still work.",
        Rejected => "The server refused your sender address or domain: check your envelope sender, SPF and DNS.",
        Blocked => "Your IP or domain is blocked or on a blocklist: check blocklists and reputation, then request delisting.",
        SpamDetected => "The message was judged as spam: review the content and links.",
        VirusDetected => "A virus was found in the message: scan and remove the attachment.",
        PolicyViolation => "The receiving domain's policy refused the message: check authentication (SPF, DKIM, DMARC) and content rules.",
        SecurityError => "A security requirement failed (authentication or TLS): check your sending setup.",
        TooManyConn => "You are being throttled: slow down and check your sending volume.",
        SystemError => "The receiving server had an error: try again later.",
        SystemFull => "The receiving server is out of storage: try again later.",
        NetworkError => "The receiving server could not be reached: it may be temporarily unavailable; try again later.",
        Expired => "Delivery kept failing until the sending server gave up: try again later.",
        ContentError => "The message's headers or format were refused: check how the message is built.",
        MailerError => "The recipient's local delivery program failed: try again later or contact the recipient.",
        NoRelaying => "The server does not relay for that domain: check the address and your smarthost settings.",
        SyntaxError => "The SMTP conversation had a syntax error: check your sending software.",
        OnHold => "The cause could not be determined: read the server's text; try again later.",
        _ => "The cause could not be determined: read the server's text.",
    };
}
