namespace Dashboard.Components.Shared;

/// <summary>The classifier's reason names (Sisimai's vocabulary) in plain words, for people.</summary>
public static class ReasonText
{
    private static readonly Dictionary<string, string> Words = new(StringComparer.OrdinalIgnoreCase)
    {
        ["userunknown"] = "The mailbox does not exist",
        ["hostunknown"] = "The domain does not exist or has no mail server",
        ["hasmoved"] = "The recipient has moved to another address",
        ["notaccept"] = "The domain accepts no mail",
        ["mailboxfull"] = "The mailbox is full",
        ["systemfull"] = "The receiving server is out of storage",
        ["toomanyconn"] = "Throttled: too many connections or messages at once",
        ["blocked"] = "Your sending IP or domain was refused (blocklist or reputation)",
        ["spamdetected"] = "The content was taken for spam",
        ["virusdetected"] = "The receiving server found a virus",
        ["filtered"] = "A filter at the destination refused the message",
        ["policyviolation"] = "Refused by the destination's policy",
        ["rejected"] = "The sender address or its domain was refused",
        ["securityerror"] = "Refused for a security reason (authentication or TLS)",
        ["mesgtoobig"] = "The message is too large",
        ["exceedlimit"] = "The message exceeds a limit of the destination",
        ["contenterror"] = "The message's headers or format were refused",
        ["suspend"] = "The account exists but is disabled",
        ["networkerror"] = "The receiving server could not be reached",
        ["systemerror"] = "The receiving server had an error",
        ["expired"] = "Gave up after trying for too long",
        ["norelaying"] = "The server refused to relay",
        ["syntaxerror"] = "The SMTP conversation had a syntax error",
        ["mailererror"] = "The destination's delivery program failed",
        ["onhold"] = "The cause could not be decided",
        ["undefined"] = "The cause could not be determined",
        ["greylisting"] = "Greylisted: the server asks to be tried again later",
        ["suppressed"] = "The address is on the suppression list",
        ["feedback"] = "The recipient reported the message as spam",
        ["vacation"] = "An automatic out-of-office reply",
        ["delivered"] = "Delivered",
    };

    /// <summary>Plain words for <paramref name="reason"/>, or the name itself when it is not a known one.</summary>
    public static string Describe(string reason) => Words.GetValueOrDefault(reason, reason);
}
