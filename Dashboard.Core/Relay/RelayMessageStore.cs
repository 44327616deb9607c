using System.Buffers;
using Dashboard.Core.Messages;
using Dashboard.Core.Submissions;
using MimeKit;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace Dashboard.Core.Relay;

/// <summary>
/// Hands a received message to <see cref="SubmissionService"/> as it is, byte for byte, and answers
/// 250 only once every recipient's row and the content are committed; 451 when nothing was stored.
/// </summary>
internal sealed class RelayMessageStore(SubmissionService submissions, int maxMessageBytes) : MessageStore
{
    public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
    {
        var identity = RelayMailboxFilter.Identity(context);
        if (buffer.Length > maxMessageBytes)
        {
            return new SmtpResponse(SmtpReplyCode.SizeLimitExceeded, $"5.3.4 Message too big: {buffer.Length:N0} bytes; the limit is {maxMessageBytes:N0}");
        }
        // SmtpServer hands over the data without the CRLF in front of the final dot, but that CRLF ends
        // the client's last line (RFC 5321 4.1.1.4): put it back, so the stored bytes are the client's.
        var bytes = new byte[buffer.Length + 2];
        buffer.CopyTo(bytes);
        bytes[^2] = (byte)'\r';
        bytes[^1] = (byte)'\n';
        HeaderList headers;
        using (var stream = new MemoryStream(bytes, writable: false))
        {
            headers = await HeaderList.LoadAsync(stream, cancellationToken);
        }
        var tags = Tags.Parse(headers.Where(h => h.Id == HeaderId.Unknown && h.Field.Equals("X-Tag", StringComparison.OrdinalIgnoreCase)).Select(h => h.Value), out var tagError);
        if (tags is null)
        {
            return new SmtpResponse(SmtpReplyCode.TransactionFailed, $"5.6.0 X-Tag: {tagError}");
        }
        var recipients = transaction.To.Select(t => $"{t.User}@{t.Host}".ToLowerInvariant()).Distinct().ToList();
        var messageId = headers[HeaderId.MessageId]?.Trim().Trim('<', '>');
        var submission = new Submission($"{transaction.From.User}@{transaction.From.Host}", recipients, bytes, OneLine(headers[HeaderId.Subject]), messageId,
            MessageSource.Relay, identity.Name, tags);
        try
        {
            var stored = await submissions.SubmitAsync(submission, cancellationToken: cancellationToken);
            return new SmtpResponse(SmtpReplyCode.Ok, $"2.0.0 Queued as {string.Join(' ', stored.Select(s => s.Id))}");
        }
        catch (Domains.UnverifiedSenderException ex)
        {
            return new SmtpResponse(SmtpReplyCode.MailboxUnavailable, $"5.7.1 {ex.Message}");
        }
        catch (SubmissionNotStoredException)
        {
            return new SmtpResponse(SmtpReplyCode.Aborted, "4.3.0 Temporary failure: the message was not stored, please try again later");
        }
    }

    private static string OneLine(string? value)
    {
        if (value is null)
        {
            return "";
        }
        var decoded = MimeKit.Utils.Rfc2047.DecodeText(System.Text.Encoding.UTF8.GetBytes(value)).Trim();
        return decoded.Replace("\r", "").Replace("\n", "");
    }
}
