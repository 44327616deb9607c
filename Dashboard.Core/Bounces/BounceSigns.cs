using System.Text.RegularExpressions;
using MimeKit;

namespace Dashboard.Core.Bounces;

/// <summary>Signs, in headers and wording, that a message is a bounce or an automatic reply.</summary>
internal static partial class BounceSigns
{
    [GeneratedRegex(@"undeliver|errors from|could not send mail|mail failed|returning to sender|not delivered|non[- ]?deliver|delivery (?:status|failure|failed|notification|report|problem|error|has failed)|failure notice|failed delivery|returned mail|mail delivery failed|could not be delivered|couldn't be delivered|delivery to .* failed|returned to sender|mail system error|permanent error|rejected|bounce|warning: could not send|message not delivered|delayed mail|delivery delay|mail error|error sending|unable to deliver|nicht zustellbar|unzustellbar|non remis|no entregado|不達|配信エラー|エラー|返送|Недоставлен|не доставлено|notificaci[oó]n de estado|échec|echec de|message bloqu|delivery unsuccessful|notice of|mail could not|sending failed|has been blocked|failed:|ndn|processing error|postponed|aviso de no entrega|mail failure|systemadministrator|system administrator", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex BounceSubject();

    [GeneratedRegex(@"mailer[-_ ]?daemon|post_?master|mail[-_ ]?daemon|mail delivery (?:system|subsystem|service)|delivery (?:status|notification|subsystem)|mailer@|^mailer|MAILER|noreply-dmarc|bounce|returned mail|symantec|messagelabs|mimecast|barracuda|postfix|administrator", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex BounceFrom();

    [GeneratedRegex(@"could not be delivered|couldn't be delivered|was not delivered|delivery has failed|delivery to the following recipient|undeliverable|undelivered|permanent (?:fatal )?error|unable to deliver|failed to deliver|returned to sender|i'm afraid i wasn't able to deliver|wasn't able to deliver|not able to deliver|delivery failed|message you sent|following address(?:es)? failed|could not deliver|cannot be delivered|can't be delivered|delivery problem|error occurred while delivering|user unknown|does not exist|mailbox (?:is )?full|over quota|rejected|remote host said|does not like recipient|delivery attempts|retry time|temporary (?:error|failure)|delivery status notification|the following recipient|this is the mail system|smtp error|diagnostic|giving up|no such user|this message was created automatically|did not reach|delay(?:ed)? (?:mail|delivery)|error-for:|postponed|not a valid user|processing error", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex BounceBody();

    [GeneratedRegex(@"^(?:auto(?:matic)?[ -]?(?:reply|response|antwort|respuesta|réponse)|auto:|out of (?:the )?office|vacation|away from|abwesen|absence|r[ée]ponse automatique|自動応答|自動返信|autoreply|on leave|ooo\b)|\b(?:out of (?:the )?office|auto[ -]?reply|autoreply|vacation|abwesenheit|automatic reply|away)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AutoReplySubject();

    internal static bool LooksLikeBounce(MessageView view)
    {
        if (view.Headers["X-Failed-Recipients"] is not null)
        {
            return true;
        }
        if (string.Equals(view.ReportType, "delivery-status", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }
        var from = view.From;
        var subject = view.Subject;
        var fromSign = BounceFrom().IsMatch(from) || (view.Headers[HeaderId.ReturnPath] is { } rp && rp.Replace(" ", "") is "<>" or "");
        var subjectSign = BounceSubject().IsMatch(subject);
        if (fromSign && subjectSign)
        {
            return true;
        }
        var head = view.ErrorText.Length > 4096 ? view.ErrorText[..4096] : view.ErrorText;
        var bodySign = BounceBody().IsMatch(head);
        return bodySign && (fromSign || subjectSign || view.OriginalHeaders is not null);
    }

    /// <summary>
    /// Gateways whose bounces report the recipient check itself in their own words (McAfee/NAI
    /// appliances, IMail, Yahoo's and Verizon's MTAs): there a bare "user unknown" was decided at
    /// RCPT time, even though the bounce does not name the command.
    /// </summary>
    internal static bool ReportsRecipientChecks(MessageView view) =>
        view.Headers["X-NAI-Header"] is not null
        || (view.Headers[HeaderId.XMailer]?.Contains("SMTP32", StringComparison.OrdinalIgnoreCase) ?? false)
        || view.From.Contains("@vtext.com", StringComparison.OrdinalIgnoreCase)

        || view.ErrorText.Contains("Sorry, we were unable to deliver your message to the following address", StringComparison.OrdinalIgnoreCase);

    internal static bool LooksLikeAutoReply(MessageView view)
    {
        var auto = view.Headers["Auto-Submitted"];
        if (auto is not null && auto.Contains("auto-replied", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }
        if (view.Headers["X-Autoreply"] is not null || view.Headers["X-Autorespond"] is not null
            || view.Headers["X-Auto-Reply"] is not null || view.Headers["X-Autoresponder"] is not null)
        {
            return true;
        }
        var precedence = view.Headers["Precedence"];
        if (precedence is not null && precedence.Contains("auto_reply", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }
        return AutoReplySubject().IsMatch(view.Subject) && (auto is not null || view.Headers["X-Auto-Response-Suppress"] is not null
                                                            || view.Headers["In-Reply-To"] is not null || view.Subject.Length < 200);
    }
}
