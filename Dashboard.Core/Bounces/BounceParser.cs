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

        var dsn = FromDeliveryStatus(view, original);
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

    private static List<BounceReport> FromDeliveryStatus(MessageView view, OriginalMessage original)
    {
        var blocks = view.DeliveryStatus;
        if (blocks.Count == 0 && view.ErrorText.Contains("Final-Recipient", StringComparison.OrdinalIgnoreCase)
            && view.ErrorText.Contains("Status", StringComparison.OrdinalIgnoreCase))
        {
            // Some MTAs write the delivery-status fields into the text part.
            blocks = FieldBlocks.Parse(view.ErrorText);
        }
        var reports = new List<BounceReport>();
        if (blocks.Count == 0)
        {
            return reports;
        }
        Dictionary<string, string>? perMessage = null;
        var textFinds = new Lazy<List<TextBounceScanner.Found>>(() => TextBounceScanner.Scan(view.ErrorText, Excluder(view)));
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var block in blocks)
        {
            if (!HasRecipient(block))
            {
                perMessage ??= block;
                continue;
            }
            // Original-Recipient is the address as we sent it; Final-Recipient may be where a forward or
            // an alias led (or a source route, "@relay:user@server"). Report the address we mailed.
            var finalRecipient = Address(StripType(Field(block, "Final-Recipient")))
                                 ?? Address(StripType(Field(block, "X-Actual-Recipient")));
            var recipient = SentTo(Address(StripType(Field(block, "Original-Recipient"))), finalRecipient, view.OriginalHeaders);
            if (recipient is null || !seen.Add(recipient))
            {
                continue;
            }
            var action = Field(block, "Action")?.Trim().ToLowerInvariant();
            var diagnosticType = DiagnosticType(Field(block, "Diagnostic-Code"));
            var diagnostic = StripType(Field(block, "Diagnostic-Code"));
            var textDiag = Field(block, "Diagnostic-Code") is null || SmtpText.FindReplyCode(diagnostic) is null
                ? ProseFor(textFinds.Value, recipient, finalRecipient)
                : null;
            if (string.IsNullOrWhiteSpace(diagnostic))
            {
                diagnostic = textDiag;
            }
            var statusField = SmtpText.StatusFromField(Field(block, "Status"));
            var diagStatus = SmtpText.FindStatus(diagnostic);
            var status = ChooseStatus(statusField, diagStatus);
            var localProgram = diagnosticType is "x-unix" or "x-local";
            var code = localProgram ? null : SmtpText.FindReplyCode(diagnostic);
            if (code is null && !localProgram && !string.IsNullOrEmpty(textDiag))
            {
                code = SmtpText.FindReplyCode(textDiag);
            }
            var remoteMta = StripType(Field(block, "Remote-MTA")) ?? StripType(Field(perMessage, "Reporting-MTA"));
            if (string.IsNullOrWhiteSpace(diagnostic))
            {
                // No diagnostic anywhere for this recipient: the report's own prose is the best we have.
                diagnostic = Prose(view.ErrorText);
            }
            // The local delivery program's exit code is not an SMTP reply: say so to the classifier.
            var classifyText = localProgram ? "x-unix; " + diagnostic : diagnostic;
            var command = SmtpText.FindCommand(diagnostic) ?? SmtpText.FindCommand(textDiag)
                          ?? SmtpText.FindRecipientRefusal(view.ErrorText, recipient) ?? view.Command
                          ?? (BounceSigns.ReportsRecipientChecks(view) ? SmtpPhase.Rcpt : SmtpPhase.Unknown);
            if (string.Equals(Field(block, "X-PowerMTA-BounceCategory"), "bad-mailbox", StringComparison.OrdinalIgnoreCase))
            {
                // PowerMTA's own verdict: the mailbox was refused at RCPT time.
                command = SmtpPhase.Rcpt;
            }
            var verdict = ReplyClassifier.Classify(code, status, classifyText, action, command);
            if (!ReplyClassifier.IsSpecific(verdict) && textDiag is null && Field(block, "Diagnostic-Code") is not null)
            {
                textDiag = ProseFor(textFinds.Value, recipient, finalRecipient);
            }
            if (!ReplyClassifier.IsSpecific(verdict) && !string.IsNullOrWhiteSpace(textDiag) && !ReferenceEquals(textDiag, diagnostic))
            {
                // Diagnostic-Code fields are often cut at the first line; the prose part carries the rest.
                var fuller = ReplyClassifier.Classify(code, status, classifyText + " " + textDiag, action, command);
                if (ReplyClassifier.IsSpecific(fuller))
                {
                    verdict = fuller;
                }
            }
            if (!ReplyClassifier.IsSpecific(verdict) && code is not null && SessionTranscript(view.ErrorText, code.Value) is { } transcript)
            {
                // The same reply quoted in full in the session transcript of the prose part.
                var fuller = ReplyClassifier.Classify(code, status, transcript, action, command);
                if (ReplyClassifier.IsSpecific(fuller))
                {
                    verdict = fuller;
                }
            }
            var kind = verdict.Reason == Reasons.Delivered ? BounceKind.Delivered : BounceKind.Bounce;
            var asSent = Address(StripType(Field(block, "Original-Recipient")));
            reports.Add(new BounceReport(kind, recipient, action, status, code, Clean(diagnostic), remoteMta,
                verdict.Reason, verdict.Hard, verdict.Rule, verdict.Advice, original)
            {
                OriginalRecipient = string.Equals(asSent, recipient, StringComparison.OrdinalIgnoreCase) ? null : asSent,
            });
        }
        return reports;
    }

    private static bool HasRecipient(Dictionary<string, string> block) =>
        block.ContainsKey("Final-Recipient") || block.ContainsKey("Original-Recipient") || block.ContainsKey("X-Actual-Recipient");


    // Of Original- and Final-Recipient, the one we sent to: the original unless only the final one is
    // named in the returned message's To or Cc (a report that filled Original-Recipient with an alias).
    private static string? SentTo(string? originalRecipient, string? finalRecipient, HeaderList? returned)
    {
        if (originalRecipient is null || finalRecipient is null || string.Equals(originalRecipient, finalRecipient, StringComparison.OrdinalIgnoreCase))
        {
            return originalRecipient ?? finalRecipient;
        }
        var addressed = (returned?[HeaderId.To] ?? "") + " " + (returned?[HeaderId.Cc] ?? "");
        return addressed.Contains(finalRecipient, StringComparison.OrdinalIgnoreCase)
               && !addressed.Contains(originalRecipient, StringComparison.OrdinalIgnoreCase)
            ? finalRecipient
            : originalRecipient;
    }

    // The prose the report writes about this recipient, under the address we sent to or where it ended up.
    private static string? ProseFor(List<TextBounceScanner.Found> finds, string recipient, string? finalRecipient) =>
        finds.Find(f => string.Equals(f.Address, recipient, StringComparison.OrdinalIgnoreCase)).Diagnostic
        ?? (finalRecipient is null ? null : finds.Find(f => string.Equals(f.Address, finalRecipient, StringComparison.OrdinalIgnoreCase)).Diagnostic);

    private static string? ChooseStatus(string? field, string? fromDiagnostic)
    {
        if (field is null)
        {
            return fromDiagnostic;
        }
        // "5.0.0" says nothing; a specific code in the server's own text is better evidence.
        if (fromDiagnostic is not null && fromDiagnostic[0] == field[0] && fromDiagnostic != field
            && (field.EndsWith(".0.0", StringComparison.Ordinal) || !fromDiagnostic.EndsWith(".0.0", StringComparison.Ordinal)))
        {
            return fromDiagnostic;
        }
        return field;
    }

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

    private static Func<string, bool> Excluder(MessageView view)
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

    private static string? Field(Dictionary<string, string>? block, string name) =>
        block is not null && block.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    private static string? DiagnosticType(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }
        var semi = value.IndexOf(';');
        return semi > 0 && semi < 24 ? value[..semi].Trim().ToLowerInvariant() : null;
    }

    /// <summary>Drops the "rfc822;" / "smtp;" / "dns;" type prefix of a DSN field.</summary>
    private static string? StripType(string? value)
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

    private static string? Address(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }
        return SmtpText.FindAddress(value);
    }

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : SmtpText.Collapse(text);

    // The lines of a quoted multi-line reply with this code ("552-…", "552 …", "<<< 552-…"), joined.
    private static string? SessionTranscript(string text, int code)
    {
        var prefix = code.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var sb = new System.Text.StringBuilder();
        foreach (var raw in text.AsSpan(0, Math.Min(text.Length, SmtpText.MaxScan)).EnumerateLines())
        {
            var line = raw.TrimStart();
            if (line.StartsWith("<<<"))
            {
                line = line[3..].TrimStart();
            }
            if (line.Length > 4 && line.StartsWith(prefix) && line[3] is '-' or ' ')
            {
                sb.Append(line[4..]).Append(' ');
                if (sb.Length > 4000)
                {
                    break;
                }
            }
        }
        return sb.Length > 0 ? sb.ToString() : null;
    }

    private static string Prose(string text)
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
