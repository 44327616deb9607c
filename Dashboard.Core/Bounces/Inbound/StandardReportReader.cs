using Dashboard.Core.Classification;
using MimeKit;

namespace Dashboard.Core.Bounces.Inbound;

/// <summary>
/// Reads the standard formats only: RFC 3464 delivery status notifications, RFC 5965 (ARF)
/// complaints and RFC 3834 auto-replies. A stand-in until the full <c>BounceParser</c> (issue 3,
/// which also reads the non-standard texts of real servers) is wired in through <see cref="IInboundReportReader"/>.
/// </summary>
public sealed class StandardReportReader : IInboundReportReader
{
    /// <inheritdoc />
    public IReadOnlyList<InboundReport> Read(byte[] raw)
    {
        try
        {
            using var stream = new MemoryStream(raw, writable: false);
            var message = MimeMessage.Load(stream);
            var bounceTo = message.To.Mailboxes.FirstOrDefault()?.Address;
            if (message.Body is MultipartReport report)
            {
                if (string.Equals(report.ReportType, "delivery-status", StringComparison.OrdinalIgnoreCase))
                {
                    return ReadDsn(report, bounceTo);
                }
                if (string.Equals(report.ReportType, "feedback-report", StringComparison.OrdinalIgnoreCase))
                {
                    return ReadComplaint(report, bounceTo);
                }
            }
            var autoSubmitted = message.Headers[HeaderId.AutoSubmitted];
            if (autoSubmitted is not null && autoSubmitted.Trim().StartsWith("auto-replied", StringComparison.OrdinalIgnoreCase))
            {
                var from = message.From.Mailboxes.FirstOrDefault()?.Address ?? "";
                return [new InboundReport(InboundReportKind.AutoReply, from, null, null, message.Subject, null, "vacation", null,
                    "rfc3834", "Nothing to do: an automatic reply.", message.InReplyTo, bounceTo)];
            }
            return [];
        }
        catch (Exception ex) when (ex is FormatException or ParseException or InvalidOperationException or ArgumentException)
        {
            return [];
        }
    }

    private static List<InboundReport> ReadDsn(MultipartReport report, string? bounceTo)
    {
        var status = report.OfType<MessageDeliveryStatus>().FirstOrDefault();
        if (status is null || status.StatusGroups.Count < 2)
        {
            return [];
        }
        var originalId = OriginalMessageId(report);
        var reports = new List<InboundReport>();
        foreach (var group in status.StatusGroups.Skip(1))
        {
            var recipient = AddressOf(group["Final-Recipient"]) ?? AddressOf(group["Original-Recipient"]);
            if (recipient is null)
            {
                continue;
            }
            var action = group["Action"]?.Trim().ToLowerInvariant();
            var enhanced = group["Status"]?.Trim();
            var diagnostic = group["Diagnostic-Code"]?.Trim();
            var text = diagnostic is not null && diagnostic.StartsWith("smtp;", StringComparison.OrdinalIgnoreCase) ? diagnostic[5..].Trim() : diagnostic;
            int? code = text is { Length: >= 3 } && int.TryParse(text.AsSpan(0, 3), out var c) ? c : null;
            var replyText = code is not null ? text![3..].TrimStart('-', ' ') : text;
            var remote = group["Remote-MTA"]?.Split(';').Last().Trim();
            var kind = action switch
            {
                "delivered" or "relayed" or "expanded" => InboundReportKind.Delivered,
                "delayed" => InboundReportKind.Delayed,
                _ => InboundReportKind.Bounce,
            };
            var verdict = kind == InboundReportKind.Bounce
                ? ReplyClassifier.Classify(code ?? (enhanced?.StartsWith('4') == true ? 450 : 550), enhanced, replyText ?? "")
                : null;
            reports.Add(new InboundReport(kind, recipient, enhanced, code, diagnostic, remote,
                verdict?.Reason ?? (kind == InboundReportKind.Delivered ? "delivered" : "delayed"),
                verdict?.Hard, verdict?.Rule ?? "rfc3464", verdict?.Advice ?? "Nothing to do.", originalId, bounceTo));
        }
        return reports;
    }

    private static List<InboundReport> ReadComplaint(MultipartReport report, string? bounceTo)
    {
        var fields = report.OfType<MimePart>().FirstOrDefault(p => p.ContentType.IsMimeType("message", "feedback-report"));
        string? recipient = null;
        string? feedbackType = null;
        if (fields?.Content is not null)
        {
            using var text = new StreamReader(fields.Content.Open());
            for (var line = text.ReadLine(); line is not null; line = text.ReadLine())
            {
                var colon = line.IndexOf(':');
                if (colon <= 0)
                {
                    continue;
                }
                var name = line[..colon].Trim();
                var value = line[(colon + 1)..].Trim();
                if (name.Equals("Original-Rcpt-To", StringComparison.OrdinalIgnoreCase))
                {
                    recipient ??= value.Trim('<', '>');
                }
                else if (name.Equals("Feedback-Type", StringComparison.OrdinalIgnoreCase))
                {
                    feedbackType = value;
                }
            }
        }
        var original = OriginalMessage(report);
        recipient ??= original?.To.Mailboxes.FirstOrDefault()?.Address;
        if (recipient is null)
        {
            return [];
        }
        return [new InboundReport(InboundReportKind.Complaint, recipient, null, null, $"Feedback-Type: {feedbackType ?? "abuse"}", null,
            "feedback", null, "rfc5965", "The recipient reported your message as spam: never mail them again.", original?.MessageId, bounceTo)];
    }

    private static string? OriginalMessageId(MultipartReport report) =>
        OriginalMessage(report)?.MessageId ?? HeadersPart(report)?[HeaderId.MessageId]?.Trim().Trim('<', '>');

    private static MimeMessage? OriginalMessage(MultipartReport report) =>
        report.OfType<MessagePart>().FirstOrDefault()?.Message;

    private static HeaderList? HeadersPart(MultipartReport report)
    {
        var part = report.OfType<MimePart>().FirstOrDefault(p => p.ContentType.IsMimeType("text", "rfc822-headers"));
        if (part?.Content is null)
        {
            return null;
        }
        using var stream = part.Content.Open();
        return HeaderList.Load(stream);
    }

    private static string? AddressOf(string? field)
    {
        if (string.IsNullOrWhiteSpace(field))
        {
            return null;
        }
        var semicolon = field.IndexOf(';');
        var address = (semicolon >= 0 ? field[(semicolon + 1)..] : field).Trim().Trim('<', '>');
        return address.Contains('@') ? address : null;
    }
}
