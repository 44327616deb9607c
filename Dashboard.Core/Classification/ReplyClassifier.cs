namespace Dashboard.Core.Classification;

/// <summary>
/// Reads an SMTP reply (code, enhanced status, text) and decides what it means.
/// Pure: no I/O, the same input always gives the same verdict. The same rules serve synchronous
/// replies (the sending pipeline) and asynchronous bounce messages (the bounce parser).
/// </summary>
/// <remarks>
/// Order of reading: a 2xx code or 2.x.x status is a delivery; otherwise the wording rules of
/// <see cref="ClassificationRules.Wording"/> are tried on the text (the first match wins), then the
/// enhanced status code (<see cref="ClassificationRules.StatusCodes"/>), then the reply code alone.
/// Hard/soft follows the reason (<see cref="Reasons.PolicyFor"/>): a 5xx that says "mailbox full"
/// is soft, a 4xx that says "user unknown" is hard.
/// </remarks>
public static class ReplyClassifier
{
    /// <summary>Classifies one reply. <paramref name="text"/> is the server's full response text.</summary>
    /// <param name="replyCode">The SMTP reply code (e.g. 550), or null when none is known.</param>
    /// <param name="enhancedStatus">The RFC 3463 status (e.g. "5.1.1"), or null.</param>
    /// <param name="text">The server's text; may be null when only codes are known. With a null code,
    /// a connection-level text ("connection refused", "Host not found") is classified as such.</param>
    public static Verdict Classify(int? replyCode, string? enhancedStatus, string? text) =>
        Classify(replyCode, enhancedStatus, text, action: null);

    /// <summary>
    /// Classifies a failure that happened before any SMTP reply was read: connection refused, timed
    /// out, DNS says the domain does not exist or has no mail server, a 4xx/5xx greeting, TLS failure.
    /// The sending pipeline calls this when MailKit throws a socket, DNS or protocol exception.
    /// A missing domain (NXDOMAIN) or no mail server is <c>hostunknown</c>, hard; everything else
    /// is soft (<c>networkerror</c>, or <c>toomanyconn</c>/<c>blocked</c> as the greeting's text says).
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
                if (verdict.Rule.StartsWith("code-", StringComparison.Ordinal) || verdict.Outcome == Outcome.Delivered)
                {
                    // A bare 421 at the greeting means "busy": the server is temporarily unavailable.
                    return Make(Reasons.SystemError, "connection-greeting-rejected", evidence, replyCode, null, hardOverride: false);
                }
                return verdict with { Hard = verdict.Hard == true && replyCode is >= 500 ? true : verdict.Hard };
            case ConnectionFailure.TlsFailed:
                return Make(Reasons.SecurityError, "connection-tls-failed", evidence, null, null);
            default:
                return Make(Reasons.NetworkError, "connection-" + Kebab(failure), evidence, null, null);
        }
    }

    /// <summary>
    /// Classifies with the DSN's Action field too: a "delayed" action without a clearer cause is
    /// <c>expired</c> (the sending side is still retrying and will give up).
    /// </summary>
    public static Verdict Classify(int? replyCode, string? enhancedStatus, string? text, string? action)
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

        if (!string.IsNullOrEmpty(text))
        {
            var folded = PhraseMatcher.Fold(text);
            foreach (var rule in ClassificationRules.Wording)
            {
                if (rule.Codes is not null && (codeClass == '\0' || rule.Codes.IndexOf(codeClass) < 0))
                {
                    continue;
                }
                var hit = PhraseMatcher.FindAny(folded.Lower, rule.Phrases);
                if (hit.Length > 0)
                {
                    return Build(rule.Reason, rule.Policy, rule.Name, folded.Original.Substring(hit.Start, hit.Length),
                        rule.Advice, replyCode, status);
                }
            }
        }

        if (status is not null && status.Length >= 3)
        {
            var detail = status[2..];
            foreach (var rule in ClassificationRules.StatusCodes)
            {
                if (detail == rule.Status || detail.StartsWith(rule.Status + ".", StringComparison.Ordinal))
                {
                    if (detail == "0.0" || detail.StartsWith("0.", StringComparison.Ordinal))
                    {
                        break;
                    }
                    return Make(rule.Reason, rule.Name, status, replyCode, status);
                }
            }
        }

        if (action is not null && action.StartsWith("delay", StringComparison.OrdinalIgnoreCase))
        {
            return Make(Reasons.Expired, "action-delayed", action, replyCode, status);
        }

        if (replyCode is null && status is null && !string.IsNullOrWhiteSpace(text))
        {
            return Make(Reasons.OnHold, "text-unrecognised", text.Trim(), replyCode, status);
        }
        if (replyCode is 421)
        {
            return Make(Reasons.SystemError, "code-421", "421", replyCode, status);
        }
        if (replyCode is 556)
        {
            return Make(Reasons.NotAccept, "code-556", "556", replyCode, status);
        }
        if (replyCode is 552 or 452)
        {
            return Make(Reasons.MailboxFull, "code-" + replyCode, replyCode.Value.ToString(), replyCode, status);
        }
        if (replyCode is 500 or 501 or 502 or 503 or 504)
        {
            return Make(Reasons.SyntaxError, "code-" + replyCode, replyCode.Value.ToString(), replyCode, status);
        }
        return Make(string.IsNullOrWhiteSpace(text) ? Reasons.Undefined : Reasons.OnHold, "code-unrecognised",
            replyCode?.ToString() ?? status ?? "", replyCode, status);
    }

    private static Verdict Make(string reason, string rule, string evidence, int? replyCode, string? status, bool? hardOverride = null)
    {
        var policy = Reasons.PolicyFor(reason);
        var verdict = Build(reason, policy, rule, evidence, Reasons.AdviceFor(reason), replyCode, status);
        return hardOverride is null ? verdict : verdict with { Hard = hardOverride, Outcome = hardOverride.Value ? Outcome.HardBounce : Outcome.SoftBounce };
    }

    private static Verdict Build(string reason, HardnessPolicy policy, string rule, string evidence, string advice, int? replyCode, string? status)
    {
        var hard = Reasons.IsHard(policy, replyCode, status);
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
        return s.Length >= 5 && s[0] is '2' or '4' or '5' && s[1] == '.' ? s : null;
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
