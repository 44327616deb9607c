using Dashboard.Core.Sending;
using MailKit.Net.Smtp;
using MimeKit;

namespace Dashboard.Core.Smtp;

/// <summary>
/// A MailKit client that records each RCPT TO answer instead of throwing on the first refusal, so
/// one refused recipient does not stop the others (MailKit throws by default).
/// </summary>
internal sealed class RecordingSmtpClient : SmtpClient
{
    /// <summary>RCPT TO refusals of the current transaction, by address.</summary>
    public Dictionary<string, SmtpResponse> Refused { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>True once the server accepted MAIL FROM in the current transaction.</summary>
    public bool SenderAccepted { get; private set; }

    /// <summary>When this connection was opened, to retire old pooled connections.</summary>
    public DateTimeOffset OpenedAt { get; init; }

    /// <summary>Clears the per-transaction record before a new message.</summary>
    public void BeginTransaction()
    {
        Refused.Clear();
        SenderAccepted = false;
    }

    protected override void OnSenderAccepted(MimeMessage message, MailboxAddress mailbox, SmtpResponse response)
    {
        SenderAccepted = true;
        base.OnSenderAccepted(message, mailbox, response);
    }

    protected override void OnRecipientNotAccepted(MimeMessage message, MailboxAddress mailbox, SmtpResponse response) =>
        Refused[mailbox.Address] = response;

    // MailKit resets the transaction (RSET) and keeps the connection only for SmtpCommandException;
    // the refusals themselves are in Refused.
    protected override void OnNoRecipientsAccepted(MimeMessage message) =>
        throw new SmtpCommandException(SmtpErrorCode.RecipientNotAccepted, SmtpStatusCode.MailboxUnavailable, "The server accepted none of the recipients.");
}
