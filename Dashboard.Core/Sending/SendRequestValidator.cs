using MimeKit;
using MimeKit.Utils;

namespace Dashboard.Core.Sending;

/// <summary>
/// Checks a <see cref="SendRequest"/> and builds its MIME message. Every refusal is a
/// <see cref="SendValidationException"/> listing every field at fault, raised before anything is stored.
/// </summary>
internal static class SendRequestValidator
{
    /// <summary>The longest subject accepted: RFC 5322's line limit.</summary>
    public const int MaxSubjectLength = 998;

    private static readonly ParserOptions StrictAddresses = new()
    {
        AllowAddressesWithoutDomain = false,
        AddressParserComplianceMode = RfcComplianceMode.Strict,
    };

    public static PreparedMessage Prepare(SendRequest request, SendingOptions options, DateTimeOffset now)
    {
        var errors = new List<SendFieldError>();
        var from = ParseAddress(SendField.From, request.From, errors);

        var to = new List<MailboxAddress>();
        if (request.To is null || request.To.Count == 0 || request.To.All(string.IsNullOrWhiteSpace))
        {
            errors.Add(new(SendField.To, "Add at least one recipient."));
        }
        else
        {
            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            var recipientErrors = new List<SendFieldError>();
            foreach (var raw in request.To.Where(t => !string.IsNullOrWhiteSpace(t)))
            {
                if (ParseAddress(SendField.To, raw, recipientErrors) is { } mailbox && seen.Add(mailbox.Address))
                {
                    to.Add(mailbox);
                }
            }
            if (recipientErrors.Count > 0)
            {
                // One message for the field: the first bad address, and how many more there are.
                var more = recipientErrors.Count - 1;
                errors.Add(more == 0 ? recipientErrors[0] : recipientErrors[0] with { Message = $"{recipientErrors[0].Message} ({more} more invalid)" });
            }
            else if (to.Count > options.MaxRecipients)
            {
                errors.Add(new(SendField.To, $"{to.Count:N0} recipients is more than the limit of {options.MaxRecipients:N0} per message."));
            }
        }

        var subject = request.Subject ?? "";
        if (subject.Contains('\r') || subject.Contains('\n'))
        {
            errors.Add(new(SendField.Subject, "The subject must be a single line (line breaks in a header can inject other headers)."));
        }
        else if (subject.Length > MaxSubjectLength)
        {
            errors.Add(new(SendField.Subject, $"The subject is {subject.Length:N0} characters; the limit is {MaxSubjectLength:N0}."));
        }
        if (string.IsNullOrWhiteSpace(request.TextBody) && string.IsNullOrWhiteSpace(request.HtmlBody))
        {
            errors.Add(new(SendField.Body, "Write a text or an HTML body."));
        }
        if (errors.Count > 0)
        {
            throw new SendValidationException(errors);
        }

        var mime = new MimeMessage();
        mime.From.Add(from!);
        mime.To.AddRange(to);
        mime.Subject = subject;
        mime.Date = now;
        mime.MessageId = MimeUtils.GenerateMessageId(from!.Domain);
        mime.Body = new BodyBuilder { TextBody = request.TextBody, HtmlBody = request.HtmlBody }.ToMessageBody();

        using var buffer = new MemoryStream();
        mime.WriteTo(buffer);
        if (buffer.Length > options.MaxMessageBytes)
        {
            throw new SendValidationException(SendField.Body,
                $"The message is {buffer.Length / 1024.0 / 1024.0:0.##} MB; the limit is {options.MaxMessageBytes / 1024.0 / 1024.0:0.##} MB.");
        }

        return new PreparedMessage(mime, buffer.ToArray(), from.Address, [.. to.Select(m => m.Address.ToLowerInvariant())]);
    }

    /// <summary>One address, strictly parsed; null (and an error for <paramref name="field"/>) when it is not one.</summary>
    internal static MailboxAddress? ParseAddress(SendField field, string? raw, List<SendFieldError> errors)
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            errors.Add(new(field, field == SendField.From ? "Enter the sender's address." : "A recipient address is empty."));
            return null;
        }
        if (raw.Contains('\r') || raw.Contains('\n') || raw.Contains('\0'))
        {
            errors.Add(new(field, $"\"{Shorten(raw)}\" contains a line break: an address must be on one line."));
            return null;
        }
        if (!MailboxAddress.TryParse(StrictAddresses, raw.Trim(), out var mailbox)
            || mailbox is null
            || string.IsNullOrEmpty(mailbox.LocalPart)
            || string.IsNullOrEmpty(mailbox.Domain)
            || mailbox.Address.Contains(' '))
        {
            errors.Add(new(field, $"\"{Shorten(raw)}\" is not a valid email address."));
            return null;
        }
        return mailbox;
    }

    private static string Shorten(string raw)
    {
        var oneLine = raw.Replace("\r", "\\r").Replace("\n", "\\n").Replace("\0", "\\0");
        return oneLine.Length <= 80 ? oneLine : oneLine[..77] + "...";
    }
}
