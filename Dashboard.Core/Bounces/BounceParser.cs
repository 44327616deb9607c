using System.Text.RegularExpressions;
using Dashboard.Core.Classification;
using MimeKit;

namespace Dashboard.Core.Bounces;

/// <summary>
/// Reads one raw inbound message and says what it reports, one <see cref="BounceReport"/> per
/// recipient: RFC 3464 delivery status notifications, the prose bounces that real MTAs write,
/// ARF complaints (RFC 5965), auto-replies (RFC 3834) and success DSNs. Anything else yields
/// no report. Reason and hard/soft come from <see cref="ReplyClassifier"/>, the same rules the
/// sending pipeline uses for synchronous replies.
/// </summary>
/// <remarks>Never throws: garbage, truncated or hostile input gives an empty list, in time linear in its size.</remarks>
public static partial class BounceParser
{
    /// <summary>Parses a message given as bytes (LF, CRLF or CR-only line ends).</summary>
    public static IReadOnlyList<BounceReport> Parse(byte[] raw) => Parse(new ReadOnlyMemory<byte>(raw));

    /// <summary>Parses a message read from a stream (read to the end, up to 64 MB).</summary>
    public static IReadOnlyList<BounceReport> Parse(Stream stream)
    {
        try
        {
            using var buffer = new MemoryStream();
            var chunk = new byte[81920];
            int n;
            while ((n = stream.Read(chunk, 0, chunk.Length)) > 0 && buffer.Length < 64L * 1024 * 1024)
            {
                buffer.Write(chunk, 0, n);
            }
            return Parse(new ReadOnlyMemory<byte>(buffer.GetBuffer(), 0, (int)buffer.Length));
        }
        catch (Exception)
        {
            return [];
        }
    }

    /// <summary>Parses a message given as bytes (LF, CRLF or CR-only line ends).</summary>
    public static IReadOnlyList<BounceReport> Parse(ReadOnlyMemory<byte> raw)
    {
        try
        {
            if (raw.IsEmpty)
            {
                return [];
            }
            var view = MessageLoader.Load(raw);
            return Read(view);
        }
        catch (Exception)
        {
            // A parser for hostile input must not take the caller down: no report means "not understood".
            return [];
        }
    }

    private static List<BounceReport> Read(MessageView view)
    {
        var original = Original(view);

        if (IsFeedback(view))
        {
            return Feedback(view, original);
        }

        var dsn = DeliveryStatusReader.Read(view, original);
        if (dsn.Count > 0)
        {
            return dsn;
        }

        if (view.ErrorText.Contains("notificationType", StringComparison.Ordinal) || view.ErrorText.Contains("eventType", StringComparison.Ordinal))
        {
            if (SesNotification.TryRead(view.ErrorText) is { } ses)
            {
                return ses;
            }
        }
        if (BounceSigns.LooksLikeBounce(view))
        {
            var text = FromText(view, original);
            if (text.Count > 0)
            {
                return text;
            }
        }

        if (BounceSigns.LooksLikeAutoReply(view))
        {
            return AutoReply(view, original);
        }
        return [];
    }

    /// <summary>
    /// The recipient reported for a complaint that names none (the original's To was "undisclosed"):
    /// an address in the reserved .invalid domain, so it can never match or suppress anyone. The same
    /// placeholder the reference parser (Sisimai) uses, so results stay comparable.
    /// </summary>
    public const string UndisclosedRecipient = "undisclosed-recipient-in-headers@libsisimai.org.invalid";

    private static bool IsFeedback(MessageView view) =>
        view.Feedback is not null
        || string.Equals(view.ReportType, "feedback-report", StringComparison.OrdinalIgnoreCase)
        || view.Headers["X-HmXmrOriginalRecipient"] is not null
        || view.OriginalHeaders?["X-HmXmrOriginalRecipient"] is not null
        || view.Headers["Feedback-Type"] is not null;

    private static List<BounceReport> Feedback(MessageView view, OriginalMessage original)
    {
        var fields = view.Feedback ?? new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var recipients = new List<string>();
        foreach (var value in view.FeedbackRecipients)
        {
            if (Address(value) is { } a && !recipients.Contains(a, StringComparer.OrdinalIgnoreCase))
            {
                recipients.Add(a);
            }
        }
        if (recipients.Count == 0)
        {
            var single = Address(Field(fields, "Removal-Recipient"))
                         ?? Address(view.Headers["X-HmXmrOriginalRecipient"])
                         ?? Address(view.OriginalHeaders?["X-HmXmrOriginalRecipient"])
                         ?? Address(view.OriginalHeaders?[HeaderId.To])
                         ?? Address(view.OriginalHeaders?["Delivered-To"])
                         ?? UndisclosedRecipient;
            recipients.Add(single);
        }
        var diagnostic = FirstParagraph(view.ErrorText);
        var verdict = Informational(Reasons.Feedback, "feedback-report", Field(fields, "Feedback-Type") ?? "abuse");
        return recipients.Select(r => new BounceReport(BounceKind.Complaint, r, null, null, null, diagnostic, null,
            verdict.Reason, null, verdict.Rule, verdict.Advice, original)).ToList();
    }

    private static List<BounceReport> AutoReply(MessageView view, OriginalMessage original)
    {
        var recipient = Address(view.Headers[HeaderId.From]) ?? Address(view.Headers[HeaderId.ReplyTo]) ?? Address(view.Headers[HeaderId.ReturnPath]);
        if (recipient is null)
        {
            return [];
        }
        var verdict = Informational(Reasons.Vacation, "auto-reply", "auto-reply");
        return [new BounceReport(BounceKind.AutoReply, recipient, null, null, null, FirstParagraph(view.ErrorText), null,
            verdict.Reason, null, verdict.Rule, verdict.Advice, original)];
    }

    private static Verdict Informational(string reason, string rule, string evidence) =>
        new(Outcome.Informational, reason, null, rule, evidence, Reasons.AdviceFor(reason));

    private static List<BounceReport> FromText(MessageView view, OriginalMessage original)
    {
        var excluded = Excluder(view);
        var finds = TextBounceScanner.Scan(view.ErrorText, excluded);
        var failed = view.Headers["X-Failed-Recipients"];
        var reports = new List<BounceReport>();
        if (!string.IsNullOrWhiteSpace(failed))
        {
            var listed = SmtpText.AddressPattern().Matches(failed).Select(m => m.Value).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            if (listed.Count > 0)
            {
                finds = listed.Select(a => finds.Find(f => string.Equals(f.Address, a, StringComparison.OrdinalIgnoreCase)) is { Address: not null } f
                    ? f : new TextBounceScanner.Found(a, "", true)).ToList();
            }
        }
        if (finds.Count == 0)
        {
            var fallback = Address(view.OriginalHeaders?[HeaderId.To]);
            if (fallback is null || excluded(fallback))
            {
                return reports;
            }
            finds = [new TextBounceScanner.Found(fallback, "", false)];
        }
        var codeLines = new Lazy<string>(() => TextBounceScanner.CodeLines(view.ErrorText));
        var whole = new Lazy<string>(() => SmtpText.Collapse(view.ErrorText));
        foreach (var find in finds)
        {
            var diagnostic = find.Diagnostic;
            if (SmtpText.FindReplyCode(diagnostic) is null && SmtpText.FindStatus(diagnostic) is null && finds.Count == 1 && codeLines.Value.Length > 0)
            {
                diagnostic = (diagnostic + " " + codeLines.Value).Trim();
            }
            if (string.IsNullOrWhiteSpace(diagnostic))
            {
                diagnostic = whole.Value.Length > 1000 ? whole.Value[..1000] : whole.Value;
            }
            var status = SmtpText.FindStatus(diagnostic);
            var code = SmtpText.FindReplyCode(diagnostic);
            var command = SmtpText.FindCommand(diagnostic) ?? SmtpText.FindRecipientRefusal(view.ErrorText, find.Address)
                          ?? view.Command ?? (BounceSigns.ReportsRecipientChecks(view) ? SmtpPhase.Rcpt : SmtpPhase.Unknown);
            var verdict = ReplyClassifier.Classify(code, status, diagnostic, null, command);
            if (verdict.Reason == Reasons.Delivered)
            {
                // Prose that quotes a 250 is still a failure notice; read it without the code.
                verdict = ReplyClassifier.Classify(null, null, diagnostic, null, command);
                if (verdict.Reason == Reasons.Delivered || verdict.Reason == Reasons.OnHold)
                {
                    verdict = ReplyClassifier.Classify(null, null, whole.Value, null, command);
                }
            }
            if (verdict.Reason is Reasons.OnHold or Reasons.UserUnknown or Reasons.Filtered && find.Address.EndsWith("@googlegroups.com", StringComparison.OrdinalIgnoreCase))
            {
                // Google Groups refuses posts from non-members or to groups that "may not exist", in the poster's language.
                verdict = new Verdict(Outcome.SoftBounce, Reasons.Rejected, false, "google-groups-refused", find.Address, Reasons.AdviceFor(Reasons.Rejected));
            }
            reports.Add(new BounceReport(BounceKind.Bounce, find.Address, null, status, code, Clean(diagnostic), null,
                verdict.Reason, verdict.Hard, verdict.Rule, verdict.Advice, original));
        }
        return reports;
    }

    internal static Func<string, bool> Excluder(MessageView view)
    {
        var senders = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        AddAll(senders, view.Headers[HeaderId.To]);
        AddAll(senders, view.Headers[HeaderId.From]);
        AddAll(senders, view.Headers[HeaderId.ReturnPath]);
        AddAll(senders, view.OriginalHeaders?[HeaderId.From]);
        AddAll(senders, view.OriginalHeaders?[HeaderId.ReturnPath]);
        AddAll(senders, view.OriginalHeaders?[HeaderId.Sender]);
        return address =>
        {
            if (senders.Contains(address))
            {
                return true;
            }
            var at = address.IndexOf('@');
            var local = at > 0 ? address[..at] : address;
            return local.Equals("mailer-daemon", StringComparison.OrdinalIgnoreCase)
                   || local.Equals("postmaster", StringComparison.OrdinalIgnoreCase)
                   || local.Equals("mail-daemon", StringComparison.OrdinalIgnoreCase)
                   || local.Equals("mailerdaemon", StringComparison.OrdinalIgnoreCase);
        };
    }

    private static void AddAll(HashSet<string> set, string? header)
    {
        if (string.IsNullOrEmpty(header))
        {
            return;
        }
        foreach (Match m in SmtpText.AddressPattern().Matches(header.Length > 2048 ? header[..2048] : header))
        {
            set.Add(m.Value.Trim('.'));
        }
    }

    private static OriginalMessage Original(MessageView view)
    {
        var headers = view.OriginalHeaders;
        // Decoding every returned header costs more than the rest of the parse: do it only when asked.
        IReadOnlyList<KeyValuePair<string, string>> list = headers is null ? [] : new ReturnedHeaders(headers);
        var messageId = headers?[HeaderId.MessageId]?.Trim().Trim('<', '>').Trim();
        var envelopeSender = Address(headers?[HeaderId.ReturnPath]);
        string? envelopeId = null;
        foreach (var block in view.DeliveryStatus)
        {
            envelopeId ??= Field(block, "Original-Envelope-Id");
        }
        var bounceTo = Address(view.Headers[HeaderId.To]);
        return new OriginalMessage(string.IsNullOrEmpty(messageId) ? null : messageId,
            envelopeSender ?? bounceTo, envelopeId, bounceTo, list);
    }

    internal static string? Field(Dictionary<string, string>? block, string name) =>
        block is not null && block.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    /// <summary>Drops the "rfc822;" / "smtp;" / "dns;" type prefix of a DSN field.</summary>
    internal static string? StripType(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }
        var semi = value.IndexOf(';');
        if (semi > 0 && semi < 24 && value[..semi].All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
        {
            return value[(semi + 1)..].Trim();
        }
        return value.Trim();
    }

    internal static string? Address(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }
        return SmtpText.FindAddress(value);
    }

    internal static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : SmtpText.Collapse(text);

    internal static string Prose(string text)
    {
        var collapsed = SmtpText.Collapse(text.Length > 4000 ? text[..4000] : text);
        return collapsed.Length > 1000 ? collapsed[..1000] : collapsed;
    }

    private static string? FirstParagraph(string text)
    {
        var trimmed = text.TrimStart();
        if (trimmed.Length == 0)
        {
            return null;
        }
        var end = trimmed.IndexOf("\n\n", StringComparison.Ordinal);
        var paragraph = end > 0 ? trimmed[..end] : trimmed;
        return SmtpText.Collapse(paragraph.Length > 2000 ? paragraph[..2000] : paragraph);
    }
}
