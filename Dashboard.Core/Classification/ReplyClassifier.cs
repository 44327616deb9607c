namespace Dashboard.Core.Classification;

/// <summary>
/// Reads an SMTP reply (code, enhanced status, text) and decides what it means.
/// Pure: no I/O, the same input always gives the same verdict. The same rules serve synchronous
/// replies (the sending pipeline) and asynchronous bounce messages (the bounce parser).
/// </summary>
/// <remarks>
/// A 2xx code or 2.x.x status is a delivery. Otherwise <see cref="ClassificationRules.All"/> is
/// read top to bottom and the first rule whose status code or wording matches wins; the reply
/// code alone decides last. Hard/soft follows the reason (<see cref="Reasons.PolicyFor"/>): a 5xx
/// that says "mailbox full" is soft, a 4xx that says "user unknown" is hard.
/// </remarks>
public static class ReplyClassifier
{
    // Server texts longer than this are cut before matching: replies and diagnostics are short,
    // and a bound keeps classification time flat on hostile input.
    private const int MaxText = 8 * 1024;

    /// <summary>Classifies one reply. <paramref name="text"/> is the server's full response text.</summary>
    /// <param name="replyCode">The SMTP reply code (e.g. 550), or null when none is known.</param>
    /// <param name="enhancedStatus">The RFC 3463 status (e.g. "5.1.1"), or null.</param>
    /// <param name="text">The server's text; may be null when only codes are known. With a null code,
    /// a connection-level text ("connection refused", "Host not found") is classified by its wording.</param>
    public static Verdict Classify(int? replyCode, string? enhancedStatus, string? text) =>
        Classify(replyCode, enhancedStatus, text, action: null, SmtpPhase.Rcpt);

    /// <summary>
    /// Classifies a failure that happened before any SMTP reply was read: connection refused, timed
    /// out, DNS says the domain does not exist or has no mail server, a 4xx/5xx greeting, TLS failure.
    /// The sending pipeline calls this when MailKit throws a socket, DNS or protocol exception.
    /// A missing domain (NXDOMAIN) or no mail server is <c>hostunknown</c>, hard; everything else
    /// is soft: <c>networkerror</c> for refused/timed out/dropped, <c>securityerror</c> for TLS, and
    /// for a rejected greeting what its text says (a bare 421 "busy" is <c>systemerror</c>).
    /// </summary>
    /// <param name="failure">What kind of failure it was.</param>
    /// <param name="replyCode">The greeting's reply code, for <see cref="ConnectionFailure.GreetingRejected"/>.</param>
    /// <param name="text">The exception message or greeting text, kept as evidence.</param>
    public static Verdict ClassifyConnectionFailure(ConnectionFailure failure, int? replyCode = null, string? text = null)
    {
        var evidence = string.IsNullOrWhiteSpace(text) ? failure.ToString() : text.Trim();
        switch (failure)
        {
            case ConnectionFailure.DomainNotFound:
            case ConnectionFailure.NoMailServer:
                return Make(Reasons.HostUnknown, "connection-" + Kebab(failure), evidence, null, null);
            case ConnectionFailure.GreetingRejected:
                var verdict = Classify(replyCode, null, text);
                if (verdict.Rule.StartsWith("code-", StringComparison.Ordinal) || verdict.Outcome == Outcome.Delivered
                    || verdict.Hard == true)
                {
                    // Refused at the greeting says nothing about the mailbox: the server is unavailable to us now.
                    return Make(Reasons.SystemError, "connection-greeting-rejected", evidence, replyCode, null);
                }
                return verdict;
            case ConnectionFailure.TlsFailed:
                return Make(Reasons.SecurityError, "connection-tls-failed", evidence, null, null);
            default:
                return Make(Reasons.NetworkError, "connection-" + Kebab(failure), evidence, null, null);
        }
    }

    /// <summary>
    /// Classifies with what a bounce message adds: the DSN Action (a "delayed" action without a
    /// clearer cause is <c>expired</c>) and the SMTP command the server was answering.
    /// </summary>
    /// <param name="replyCode">The SMTP reply code, or null.</param>
    /// <param name="enhancedStatus">The RFC 3463 status, or null.</param>
    /// <param name="text">The server's text.</param>
    /// <param name="action">The DSN Action field (failed, delayed, delivered, …), or null.</param>
    /// <param name="phase">
    /// The step of the session the reply answered: <see cref="SmtpPhase.Rcpt"/> for a synchronous
    /// reply to RCPT TO. <see cref="SmtpPhase.Unknown"/> when a bounce does not say: one that says
    /// "user unknown" without a 5.1.x status and without showing it came at RCPT time is read as the
    /// recipient's filter refusing the message (<c>filtered</c>, soft), since mailboxes that do not
    /// exist are refused at RCPT, not after the message was sent.
    /// </param>
    public static Verdict Classify(int? replyCode, string? enhancedStatus, string? text, string? action, SmtpPhase phase)
    {
        var status = NormalizeStatus(enhancedStatus);
        if (replyCode is >= 200 and < 300 || status is ['2', ..] ||
            action is not null && (action.StartsWith("deliver", StringComparison.OrdinalIgnoreCase) ||
                                   action.StartsWith("relay", StringComparison.OrdinalIgnoreCase) ||
                                   action.StartsWith("expand", StringComparison.OrdinalIgnoreCase)))
        {
            return new Verdict(Outcome.Delivered, Reasons.Delivered, null, "delivered",
                status ?? replyCode?.ToString() ?? action ?? "", Reasons.AdviceFor(Reasons.Delivered));
        }

        var codeClass = replyCode is >= 400 and < 600 ? (char)('0' + replyCode.Value / 100)
            : status is ['4' or '5', ..] ? status[0] : '\0';
        var folded = string.IsNullOrEmpty(text) ? default : PhraseMatcher.Fold(text.Length > MaxText ? text[..MaxText] : text);
        // The scan is a pooled array: a classification runs several times per bounce, and a fresh
        // array per run was a sixteenth of everything the classify command allocated.
        var scan = folded.Lower is null ? null : PhraseIndex.Rules.Scan(folded.Lower);
        try
        {
            return Decide(replyCode, status, codeClass, text, action, phase, folded, scan);
        }
        finally
        {
            PhraseIndex.Release(scan);
        }
    }

    private static Verdict Decide(int? replyCode, string? status, char codeClass, string? text, string? action, SmtpPhase phase,
        PhraseMatcher.Folded folded, int[]? scan)
    {
        var recipientTime = phase == SmtpPhase.Rcpt;

        var rules = ClassificationRules.All;
        for (var index = 0; index < rules.Count; index++)
        {
            var rule = rules[index];
            if (rule.Codes is not null && !CodeFits(rule.Codes, replyCode, codeClass))
            {
                continue;
            }
            var byStatus = status is not null && StatusMatches(rule.Statuses, status);
            var hit = scan is null ? default : PhraseIndex.Rules.Find(index, scan);
            if (!byStatus && hit.Length == 0)
            {
                continue;
            }
            var evidence = hit.Length > 0 ? folded.Original.Substring(hit.Start, hit.Length) : status!;

            if (rule.Reason == Reasons.MesgTooBig && !byStatus && status is not null && StatusMatches("*.2.3", status))
            {
                // The server's own code says it is an administrative length limit, not the message size as such.
                continue;
            }
            if (rule.Reason == Reasons.HostUnknown && codeClass == '4')
            {
                // A DNS failure reported as temporary may clear: the domain is not known to be gone.
                return Build(Reasons.NetworkError, "unknown-domain-temporary", evidence, Reasons.AdviceFor(Reasons.NetworkError), replyCode, status);
            }
            if (rule.Reason is Reasons.UserUnknown or Reasons.Filtered && byStatus && hit.Length == 0 && folded.Lower is not null
                && FirstOtherWording(folded, scan!, index, rule.Reason == Reasons.Filtered) is { } other)
            {
                // A 5.1.x status, but the text names another cause (sender refused, blocklist, rate limit): believe the text.
                return other;
            }
            if (phase == SmtpPhase.Mail && (rule.Reason is Reasons.UserUnknown or Reasons.Filtered || rule.Name is "reputation"))
            {
                // Refused in reply to MAIL FROM: it is our sender address the server does not like.
                return Build(Reasons.Rejected, "refused-at-mail-from", evidence, Reasons.AdviceFor(Reasons.Rejected), replyCode, status);
            }
            if (rule.Name == "dead-address" && !byStatus && !recipientTime)
            {
                // "User unknown" after the message was sent (or with no sign it came at RCPT time):
                // the recipient's filter refusing this message, not a dead mailbox.
                return Build(Reasons.Filtered, "dead-address-after-data", evidence, rule.Advice, replyCode, status);
            }
            return Build(rule.Reason, rule.Name, evidence, rule.Advice, replyCode, status);
        }

        if (action is not null && action.StartsWith("delay", StringComparison.OrdinalIgnoreCase))
        {
            return Make(Reasons.Expired, "action-delayed", action, replyCode, status);
        }
        if (phase == SmtpPhase.Mail && codeClass == '5')
        {
            // Refused in reply to MAIL FROM for a reason it does not name: our sender address.
            return Make(Reasons.Rejected, "refused-at-mail-from", "MAIL FROM", replyCode, status);
        }
        if (phase is SmtpPhase.Greeting or SmtpPhase.Connect)
        {
            return Make(Reasons.Blocked, "refused-at-helo", phase == SmtpPhase.Connect ? "CONN" : "HELO", replyCode, status);
        }
        if (replyCode is 421)
        {
            return Make(Reasons.SystemError, "code-421", "421", replyCode, status);
        }
        if (replyCode is 556)
        {
            return Make(Reasons.NotAccept, "code-556", "556", replyCode, status);
        }
        if (replyCode is 500 or 501 or 502 or 503 or 504)
        {
            return Make(Reasons.SyntaxError, "code-" + replyCode, replyCode.Value.ToString(), replyCode, status);
        }
        var nothing = string.IsNullOrWhiteSpace(text) && replyCode is null && status is null;
        return Make(nothing ? Reasons.Undefined : Reasons.OnHold, "code-unrecognised",
            replyCode?.ToString() ?? status ?? folded.Original ?? "", replyCode, status);
    }

    private static readonly HashSet<string> SpecificRules = ClassificationRules.All
        .TakeWhile(r => r.Name != "status-expired").Select(r => r.Name)
        .Concat(["dead-address-after-data", "refused-at-mail-from", "unknown-domain-temporary"]).ToHashSet();

    /// <summary>True when the verdict came from a specific wording or status rule, not a broad fallback.</summary>
    internal static bool IsSpecific(Verdict verdict) => SpecificRules.Contains(verdict.Rule);

    private static readonly HashSet<string> OverrideStatus =
        [Reasons.Rejected, Reasons.Blocked, Reasons.NoRelaying, Reasons.NotAccept, Reasons.TooManyConn, Reasons.SpamDetected, Reasons.PolicyViolation];

    private static Verdict? FirstOtherWording(PhraseMatcher.Folded folded, int[] scan, int after, bool anySpecific)
    {
        var rules = ClassificationRules.All;
        for (var i = after + 1; i < rules.Count; i++)
        {
            var rule = rules[i];
            if (anySpecific && rule.Name == "status-expired")
            {
                break;
            }
            if (!(anySpecific || OverrideStatus.Contains(rule.Reason)) || rule.Codes is not null)
            {
                continue;
            }
            var hit = PhraseIndex.Rules.Find(i, scan);
            if (hit.Length > 0)
            {
                return Build(rule.Reason, rule.Name, folded.Original.Substring(hit.Start, hit.Length), rule.Advice, null, null);
            }
        }
        return null;
    }

    // "4" or "5": any reply of that class; "421": exactly that reply code.
    private static bool CodeFits(string codes, int? replyCode, char codeClass) =>
        codes.Length == 3 ? replyCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) == codes
                          : codeClass != '\0' && codes.Contains(codeClass);

    internal static bool StatusMatches(IReadOnlyList<string> patterns, string status)
    {
        foreach (var pattern in patterns)
        {
            if (StatusMatches(pattern, status))
            {
                return true;
            }
        }
        return false;
    }

    private static bool StatusMatches(string pattern, string status)
    {
        // pattern: "5.2.1", "*.2.2", "*.6.*", "5.7.*"
        var p = pattern.AsSpan();
        var s = status.AsSpan();
        if (p[0] != '*' && p[0] != s[0])
        {
            return false;
        }
        p = p[2..];
        s = s[2..];
        if (p.EndsWith(".*"))
        {
            var subject = p[..^2];
            return s.StartsWith(subject) && s.Length > subject.Length && s[subject.Length] == '.';
        }
        return s.SequenceEqual(p);
    }

    private static Verdict Make(string reason, string rule, string evidence, int? replyCode, string? status) =>
        Build(reason, rule, evidence, Reasons.AdviceFor(reason), replyCode, status);

    private static Verdict Build(string reason, string rule, string evidence, string advice, int? replyCode, string? status)
    {
        var hard = Reasons.IsHard(Reasons.PolicyFor(reason), replyCode, status);
        var outcome = hard switch
        {
            null => reason == Reasons.Delivered ? Outcome.Delivered : Outcome.Informational,
            true => Outcome.HardBounce,
            false => Outcome.SoftBounce,
        };
        return new Verdict(outcome, reason, hard, rule, evidence, advice);
    }

    private static string? NormalizeStatus(string? status)
    {
        if (string.IsNullOrWhiteSpace(status))
        {
            return null;
        }
        var s = status.Trim();
        return s.Length >= 5 && s[0] is '2' or '4' or '5' && s[1] == '.' && char.IsAsciiDigit(s[2]) && s[3] == '.' ? s : null;
    }

    private static string Kebab(ConnectionFailure failure) => failure switch
    {
        ConnectionFailure.Refused => "refused",
        ConnectionFailure.TimedOut => "timed-out",
        ConnectionFailure.DomainNotFound => "domain-not-found",
        ConnectionFailure.NoMailServer => "no-mail-server",
        ConnectionFailure.GreetingRejected => "greeting-rejected",
        ConnectionFailure.TlsFailed => "tls-failed",
        _ => "network-error",
    };
}
