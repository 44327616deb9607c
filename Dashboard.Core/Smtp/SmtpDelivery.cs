using System.Net.Sockets;
using Dashboard.Core.Classification;
using Dashboard.Core.Sending;
using MailKit;
using MailKit.Net.Smtp;
using MimeKit;

namespace Dashboard.Core.Smtp;

/// <summary>
/// One SMTP transaction over a pooled connection, turned into one reply per recipient: RCPT
/// refusals per recipient, the DATA answer for every accepted recipient, a connection failure for all.
/// </summary>
internal static class SmtpDelivery
{
    private static readonly FormatOptions Format = CreateFormat();

    // cleanText rewrites reply texts (the sandbox strips its library's retry counter).
    public static async Task<IReadOnlyList<RecipientReply>> SendAsync(
        SmtpConnectionPool pool, OutgoingMessage message, Func<string, string>? cleanText, CancellationToken cancellationToken)
    {
        var endpoint = pool.Endpoint;
        var remote = endpoint.ToString();
        string Clean(string? text) => cleanText is null ? text ?? "" : cleanText(text ?? "");

        // A pooled connection may have been closed by the server while idle; that shows before the
        // server accepted anything, so one more try on a fresh connection resends nothing.
        for (var attempt = 0; ; attempt++)
        {
            RecordingSmtpClient client;
            bool reused;
            try
            {
                (client, reused) = await pool.RentAsync(cancellationToken);
            }
            catch (Exception ex) when (IsConnectionFailure(ex, cancellationToken))
            {
                return AllRecipients(message, null, SmtpReplies.DescribeConnectionFailure(ex, endpoint.Host, endpoint.Port), remote, SmtpPhase.Connect, SmtpReplies.KindOf(ex));
            }
            catch (SmtpCommandException ex)
            {
                // The greeting or EHLO was a refusal (e.g. "421 4.7.0 Try again later").
                return AllRecipients(message, (int)ex.StatusCode, Clean(ex.Message), remote, SmtpPhase.Greeting, ConnectionFailure.GreetingRejected);
            }

            client.BeginTransaction();
            var keep = true;
            try
            {
                var sender = MailboxAddress.Parse(message.EnvelopeFrom);
                var recipients = message.Recipients.Select(MailboxAddress.Parse).ToList();
                var dataAnswer = await client.SendAsync(Format, message.Mime, sender, recipients, cancellationToken);
                return Collect(message, client, accepted: (250, Clean(dataAnswer)), remote, Clean);
            }
            catch (SmtpCommandException ex) when (ex.ErrorCode == SmtpErrorCode.RecipientNotAccepted)
            {
                // Thrown by RecordingSmtpClient when every RCPT TO was refused.
                keep = client.IsConnected;
                return Collect(message, client, accepted: null, remote, Clean);
            }
            catch (SmtpCommandException ex) when (ex.ErrorCode == SmtpErrorCode.MessageNotAccepted)
            {
                // A DATA-phase refusal concerns every recipient the server had accepted.
                return Collect(message, client, accepted: ((int)ex.StatusCode, Clean(ex.Message)), remote, Clean);
            }
            catch (SmtpCommandException ex)
            {
                // MAIL FROM refused, or an answer MailKit did not expect: it concerns the whole envelope.
                keep = ex.StatusCode != SmtpStatusCode.ServiceNotAvailable && client.IsConnected;
                var phase = ex.ErrorCode == SmtpErrorCode.SenderNotAccepted ? SmtpPhase.Mail : SmtpPhase.Unknown;
                return AllRecipients(message, (int)ex.StatusCode, Clean(ex.Message), remote, phase);
            }
            catch (Exception ex) when (IsConnectionFailure(ex, cancellationToken))
            {
                keep = false;
                if (reused && !client.SenderAccepted && attempt == 0)
                {
                    continue;
                }
                // Lost after the connection was open: the phase that was under way is not known.
                return AllRecipients(message, null, SmtpReplies.DescribeConnectionFailure(ex, endpoint.Host, endpoint.Port), remote, SmtpPhase.Unknown, SmtpReplies.KindOf(ex));
            }
            catch
            {
                keep = false;
                throw;
            }
            finally
            {
                if (keep)
                {
                    await pool.ReturnAsync(client);
                }
                else
                {
                    await SmtpConnectionPool.DiscardAsync(client);
                }
            }
        }
    }

    private static List<RecipientReply> Collect(
        OutgoingMessage message, RecordingSmtpClient client, (int Code, string Text)? accepted, string remote, Func<string?, string> clean)
    {
        var replies = new List<RecipientReply>(message.Recipients.Count);
        foreach (var recipient in message.Recipients)
        {
            if (client.Refused.TryGetValue(recipient, out var refusal))
            {
                replies.Add(SmtpReplies.FromServer(recipient, (int)refusal.StatusCode, clean(refusal.Response), remote));
            }
            else if (accepted is { } answer)
            {
                // The answer to the message data, not to the recipient: a content or size verdict.
                replies.Add(SmtpReplies.FromServer(recipient, answer.Code, answer.Text, remote) with { Phase = SmtpPhase.EndOfData });
            }
        }
        return replies;
    }

    private static List<RecipientReply> AllRecipients(
        OutgoingMessage message, int? code, string text, string remote, SmtpPhase phase, ConnectionFailure? failure = null) =>
        [.. message.Recipients.Select(r => code is { } c
            ? SmtpReplies.FromServer(r, c, text, remote) with { Failure = failure, Phase = phase }
            : new RecipientReply(r, null, null, text, remote, failure, phase))];

    private static bool IsConnectionFailure(Exception ex, CancellationToken cancellationToken) =>
        ex is SocketException or IOException or ServiceNotConnectedException or ProtocolException
            or MailKit.Security.SslHandshakeException or MailKit.Security.AuthenticationException or TimeoutException
        || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested);

    private static FormatOptions CreateFormat()
    {
        var format = FormatOptions.Default.Clone();
        format.International = true;
        return format;
    }
}
