using MimeKit;
using MimeKit.Utils;

namespace Dashboard.Core.Sending;

/// <summary>
/// Checks a <see cref="SendRequest"/> and builds its MIME message. Every refusal is a
/// <see cref="SendValidationException"/> naming the field, raised before anything is stored.
/// </summary>
internal static class SendRequestValidator
{
    private const int MaxSubjectLength = 998;

    private static readonly ParserOptions StrictAddresses = new()
    {
        AllowAddressesWithoutDomain = false,
        AddressParserComplianceMode = RfcComplianceMode.Strict,
    };

    public static PreparedMessage Prepare(SendRequest request, SendingOptions options, DateTimeOffset now)
    {
        var from = ParseAddress(nameof(SendRequest.From), request.From);

        if (request.To is null || request.To.Count == 0 || request.To.All(string.IsNullOrWhiteSpace))
        {
            throw new SendValidationException(nameof(SendRequest.To), "Add at least one recipient.");
        }
        var to = new List<MailboxAddress>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var raw in request.To.Where(t => !string.IsNullOrWhiteSpace(t)))
        {
            var mailbox = ParseAddress(nameof(SendRequest.To), raw);
            if (seen.Add(mailbox.Address))
            {
                to.Add(mailbox);
            }
        }
        if (to.Count > options.MaxRecipients)
        {
            throw new SendValidationException(nameof(SendRequest.To), $"{to.Count} recipients is more than the limit of {options.MaxRecipients} per message.");
        }

        var subject = request.Subject ?? "";
        if (subject.Contains('\r') || subject.Contains('\n'))
        {
            throw new SendValidationException(nameof(SendRequest.Subject), "The subject must be a single line (line breaks in a header can inject other headers).");
        }
        if (subject.Length > MaxSubjectLength)
        {
            throw new SendValidationException(nameof(SendRequest.Subject), $"The subject is {subject.Length} characters; the limit is {MaxSubjectLength}.");
        }
        if (string.IsNullOrWhiteSpace(request.TextBody) && string.IsNullOrWhiteSpace(request.HtmlBody))
        {
            throw new SendValidationException("Body", "Write a text or an HTML body.");
        }

        var mime = new MimeMessage();
        mime.From.Add(from);
        mime.To.AddRange(to);
        mime.Subject = subject;
        mime.Date = now;
        mime.MessageId = MimeUtils.GenerateMessageId(from.Domain);
        mime.Body = new BodyBuilder { TextBody = request.TextBody, HtmlBody = request.HtmlBody }.ToMessageBody();

        using var buffer = new MemoryStream();
        mime.WriteTo(buffer);
        if (buffer.Length > options.MaxMessageBytes)
        {
            throw new SendValidationException("Body",
                $"The message is {buffer.Length / 1024.0 / 1024.0:0.##} MB; the limit is {options.MaxMessageBytes / 1024.0 / 1024.0:0.##} MB.");
        }

        return new PreparedMessage(mime, buffer.ToArray(), from.Address, [.. to.Select(m => m.Address.ToLowerInvariant())]);
    }

    internal static MailboxAddress ParseAddress(string field, string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            throw new SendValidationException(field, field == nameof(SendRequest.From) ? "Enter the sender's address." : "A recipient address is empty.");
        }
        if (raw.Contains('\r') || raw.Contains('\n') || raw.Contains('\0'))
        {
            throw new SendValidationException(field, $"\"{Shorten(raw)}\" contains a line break: an address must be on one line.");
        }
        if (!MailboxAddress.TryParse(StrictAddresses, raw.Trim(), out var mailbox)
            || mailbox is null
            || string.IsNullOrEmpty(mailbox.LocalPart)
            || string.IsNullOrEmpty(mailbox.Domain)
            || mailbox.Address.Contains(' '))
        {
            throw new SendValidationException(field, $"\"{Shorten(raw)}\" is not a valid email address.");
        }
        return mailbox;
    }

    private static string Shorten(string raw)
    {
        var oneLine = raw.Replace("\r", "\\r").Replace("\n", "\\n").Replace("\0", "\\0");
        return oneLine.Length <= 80 ? oneLine : oneLine[..77] + "...";
    }
}
