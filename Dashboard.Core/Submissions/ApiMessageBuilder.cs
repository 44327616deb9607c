using Dashboard.Core.Messages;
using Dashboard.Core.Sending;
using MimeKit;
using MimeKit.Utils;

namespace Dashboard.Core.Submissions;

/// <summary>
/// Checks an <see cref="ApiMessage"/> and writes its MIME. Every refusal is a
/// <see cref="ApiValidationException"/> naming the JSON field (<c>to[2]</c>, <c>headers.X-Foo</c>).
/// </summary>
public static class ApiMessageBuilder
{
    private const int MaxSubjectLength = 998;

    // Headers a sender may set; everything that shapes delivery or identity is ours.
    private static readonly HashSet<string> AllowedHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "List-Unsubscribe", "List-Unsubscribe-Post", "List-Id", "In-Reply-To", "References", "Precedence", "Auto-Submitted",
    };

    /// <summary>True for the headers <see cref="ApiMessage.Headers"/> may carry: the list above and any <c>X-</c> header.</summary>
    public static bool IsAllowedHeader(string name) =>
        AllowedHeaders.Contains(name) || (name.StartsWith("X-", StringComparison.OrdinalIgnoreCase) && name.Length > 2);

    /// <summary>The submission for <paramref name="message"/> from the key <paramref name="keyName"/>.</summary>
    /// <exception cref="ApiValidationException">Bad input; names the field.</exception>
    public static Submission Build(ApiMessage message, string keyName, SendingOptions options, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(message.From))
        {
            throw new ApiValidationException("from", "Enter the sender's address.");
        }
        var from = Address(SendField.From, "from", message.From);
        var to = Addresses("to", message.To);
        var cc = Addresses("cc", message.Cc);
        var bcc = Addresses("bcc", message.Bcc);
        var recipients = to.Concat(cc).Concat(bcc).Select(m => m.Address.ToLowerInvariant()).Distinct().ToList();
        if (recipients.Count == 0)
        {
            throw new ApiValidationException("to", "Add at least one recipient (to, cc or bcc).");
        }
        if (recipients.Count > options.MaxRecipients)
        {
            throw new ApiValidationException("to", $"{recipients.Count} recipients is more than the limit of {options.MaxRecipients} per message.");
        }
        var subject = message.Subject ?? "";
        if (subject.Contains('\r') || subject.Contains('\n'))
        {
            throw new ApiValidationException("subject", "The subject must be a single line (line breaks in a header can inject other headers).");
        }
        if (subject.Length > MaxSubjectLength)
        {
            throw new ApiValidationException("subject", $"The subject is {subject.Length} characters; the limit is {MaxSubjectLength}.");
        }
        if (string.IsNullOrWhiteSpace(message.Text) && string.IsNullOrWhiteSpace(message.Html))
        {
            throw new ApiValidationException("text", "Give a text or an html body.");
        }
        var tags = Tags.Parse(message.Tags ?? [], out var tagError) ?? throw new ApiValidationException("tags", tagError!);

        var mime = new MimeMessage();
        mime.From.Add(from);
        mime.To.AddRange(to);
        mime.Cc.AddRange(cc);
        if (!string.IsNullOrWhiteSpace(message.ReplyTo))
        {
            mime.ReplyTo.Add(Address(SendField.From, "reply_to", message.ReplyTo));
        }
        mime.Subject = subject;
        mime.Date = now;
        mime.MessageId = MimeUtils.GenerateMessageId(from.Domain);
        foreach (var (name, value) in message.Headers ?? new Dictionary<string, string>())
        {
            if (!IsAllowedHeader(name) || name.Any(c => c <= ' ' || c == ':' || c > '~'))
            {
                throw new ApiValidationException($"headers.{name}", $"\"{name}\" is not a header you may set: use X-… headers or List-Unsubscribe, List-Unsubscribe-Post, List-Id, In-Reply-To, References, Precedence, Auto-Submitted.");
            }
            if (value is null || value.Contains('\r') || value.Contains('\n') || value.Contains('\0'))
            {
                throw new ApiValidationException($"headers.{name}", "A header value must be one line of text.");
            }
            mime.Headers.Add(name, value);
        }

        var body = new BodyBuilder { TextBody = message.Text, HtmlBody = message.Html };
        var attachments = message.Attachments ?? [];
        for (var i = 0; i < attachments.Count; i++)
        {
            var a = attachments[i];
            var field = $"attachments[{i}]";
            if (string.IsNullOrWhiteSpace(a.Filename) || a.Filename.Any(char.IsControl))
            {
                throw new ApiValidationException($"{field}.filename", "Give the attachment a file name (one line).");
            }
            byte[] content;
            try
            {
                content = Convert.FromBase64String(a.Content ?? "");
            }
            catch (FormatException)
            {
                throw new ApiValidationException($"{field}.content", "The content must be base64.");
            }
            if (!ContentType.TryParse(a.ContentType ?? "application/octet-stream", out var contentType))
            {
                throw new ApiValidationException($"{field}.content_type", $"\"{a.ContentType}\" is not a content type.");
            }
            body.Attachments.Add(a.Filename, content, contentType);
        }
        mime.Body = body.ToMessageBody();

        using var buffer = new MemoryStream();
        mime.WriteTo(buffer);
        if (buffer.Length > options.MaxMessageBytes)
        {
            throw new ApiValidationException(attachments.Count > 0 ? "attachments" : "text",
                $"The message is {buffer.Length / 1024.0 / 1024.0:0.##} MB; the limit is {options.MaxMessageBytes / 1024.0 / 1024.0:0.##} MB.");
        }
        return new Submission(from.Address, recipients, buffer.ToArray(), subject, mime.MessageId, MessageSource.Api, keyName, tags);
    }

    private static List<MailboxAddress> Addresses(string field, IReadOnlyList<string>? raw)
    {
        var result = new List<MailboxAddress>();
        for (var i = 0; i < (raw?.Count ?? 0); i++)
        {
            result.Add(Address(SendField.To, $"{field}[{i}]", raw![i]));
        }
        return result;
    }

    // The Send page's address rules, with the refusal named by its JSON path.
    private static MailboxAddress Address(SendField kind, string path, string? raw)
    {
        var errors = new List<SendFieldError>();
        return SendRequestValidator.ParseAddress(kind, raw, errors) ?? throw new ApiValidationException(path, errors[0].Message);
    }
}
