using System.Text.Json;
using Dashboard.Core.Classification;

namespace Dashboard.Core.Bounces;

/// <summary>
/// Reads Amazon SES event notifications (Bounce, Complaint, Delivery) delivered by e-mail through
/// SNS: a JSON document as the message body, possibly inside an SNS envelope.
/// </summary>
internal static class SesNotification
{
    internal static List<BounceReport>? TryRead(string body)
    {
        var start = body.IndexOf('{');
        if (start < 0 || (body.IndexOf("notificationType", StringComparison.Ordinal) < 0 && body.IndexOf("eventType", StringComparison.Ordinal) < 0))
        {
            return null;
        }
        var end = body.LastIndexOf('}');
        if (end <= start)
        {
            return null;
        }
        // SNS wraps long lines in mail as "!" + line end + space.
        var json = body[start..(end + 1)].Replace("!\n ", "", StringComparison.Ordinal).Replace("!\r\n ", "", StringComparison.Ordinal);
        try
        {
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 32, AllowTrailingCommas = true });
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("Message", out var inner) && inner.ValueKind == JsonValueKind.String)
            {
                using var innerDocument = JsonDocument.Parse(inner.GetString() ?? "{}", new JsonDocumentOptions { MaxDepth = 32 });
                return Read(innerDocument.RootElement);
            }
            return Read(root);
        }
        catch (Exception)
        {
            return null;
        }
    }

    private static List<BounceReport>? Read(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return null;
        }
        var type = Str(root, "notificationType") ?? Str(root, "eventType");
        var original = Original(root);
        var reports = new List<BounceReport>();
        switch (type)
        {
            case "Bounce" when root.TryGetProperty("bounce", out var bounce):
                var mta = Str(bounce, "reportingMTA");
                var bounceType = Str(bounce, "bounceType");
                foreach (var r in Array(bounce, "bouncedRecipients"))
                {
                    var recipient = SmtpText.FindAddress(Str(r, "emailAddress"));
                    if (recipient is null)
                    {
                        continue;
                    }
                    var diagnostic = Str(r, "diagnosticCode");
                    if (diagnostic is not null && diagnostic.StartsWith("smtp;", StringComparison.OrdinalIgnoreCase))
                    {
                        diagnostic = diagnostic[5..].Trim();
                    }
                    var status = SmtpText.StatusFromField(Str(r, "status")) ?? SmtpText.FindStatus(diagnostic);
                    var code = SmtpText.FindReplyCode(diagnostic);
                    var action = Str(r, "action");
                    var verdict = ReplyClassifier.Classify(code, status, diagnostic ?? Str(bounce, "bounceSubType"), action, SmtpPhase.Unknown);
                    if (verdict.Reason == Reasons.OnHold && bounceType == "Transient")
                    {
                        verdict = verdict with { Hard = false };
                    }
                    reports.Add(new BounceReport(BounceKind.Bounce, recipient, action, status, code, diagnostic, mta,
                        verdict.Reason, verdict.Hard, verdict.Rule, verdict.Advice, original));
                }
                break;
            case "Complaint" when root.TryGetProperty("complaint", out var complaint):
                foreach (var r in Array(complaint, "complainedRecipients"))
                {
                    if (SmtpText.FindAddress(Str(r, "emailAddress")) is { } recipient)
                    {
                        reports.Add(new BounceReport(BounceKind.Complaint, recipient, null, null, null, Str(complaint, "complaintFeedbackType"),
                            null, Reasons.Feedback, null, "ses-complaint", Reasons.AdviceFor(Reasons.Feedback), original));
                    }
                }
                break;
            case "Delivery" when root.TryGetProperty("delivery", out var delivery):
                var response = Str(delivery, "smtpResponse");
                foreach (var r in Array(delivery, "recipients"))
                {
                    if (r.ValueKind == JsonValueKind.String && SmtpText.FindAddress(r.GetString()) is { } recipient)
                    {
                        reports.Add(new BounceReport(BounceKind.Delivered, recipient, "delivered", SmtpText.FindStatus(response),
                            SmtpText.FindReplyCode(response), response, Str(delivery, "reportingMTA"), Reasons.Delivered, null,
                            "ses-delivery", Reasons.AdviceFor(Reasons.Delivered), original));
                    }
                }
                break;
        }
        return reports.Count > 0 ? reports : null;
    }

    private static OriginalMessage Original(JsonElement root)
    {
        if (!root.TryGetProperty("mail", out var mail) || mail.ValueKind != JsonValueKind.Object)
        {
            return OriginalMessage.None;
        }
        var headers = new List<KeyValuePair<string, string>>();
        foreach (var h in Array(mail, "headers"))
        {
            if (Str(h, "name") is { } name)
            {
                headers.Add(new(name, Str(h, "value") ?? ""));
            }
        }
        var messageId = headers.FirstOrDefault(h => h.Key.Equals("Message-ID", StringComparison.OrdinalIgnoreCase)).Value?.Trim().Trim('<', '>');
        return new OriginalMessage(messageId ?? Str(mail, "messageId"), SmtpText.FindAddress(Str(mail, "source")), null, null, headers);
    }

    private static IEnumerable<JsonElement> Array(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array
            ? value.EnumerateArray().Take(1000)
            : [];

    private static string? Str(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
