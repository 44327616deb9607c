using Dashboard.Core.Classification;
using MimeKit;
using static Dashboard.Core.Bounces.BounceParser;

namespace Dashboard.Core.Bounces;

/// <summary>
/// Reads an RFC 3464 delivery status report: a <see cref="BounceReport"/> per recipient block, the
/// address we sent to, the best status and reply code of the fields and the prose, classified by
/// <see cref="ReplyClassifier"/>. <see cref="BounceParser"/> decides which kind of report it is.
/// </summary>
internal static class DeliveryStatusReader
{
    /// <summary>One report per recipient block of the report's delivery status (or of such fields in its text).</summary>
    internal static List<BounceReport> Read(MessageView view, OriginalMessage original)
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

    private static string? DiagnosticType(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }
        var semi = value.IndexOf(';');
        return semi > 0 && semi < 24 ? value[..semi].Trim().ToLowerInvariant() : null;
    }

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
}
