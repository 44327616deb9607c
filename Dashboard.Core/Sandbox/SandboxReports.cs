using System.Text;
using MimeKit;
using MimeKit.Utils;

namespace Dashboard.Core.Sandbox;

/// <summary>Writes the reports the sandbox's mailboxes send back, in the standard formats real servers use.</summary>
internal static class SandboxReports
{
    public const string ForwardingHost = "forwarder.sandbox.test";
    public const string SecondHop = "mx.elsewhere.test";

    /// <summary>An RFC 3464 DSN from the forwarding host: the second hop does not know the forwarded-to address.</summary>
    public static MimeMessage ForwardBounce(MimeMessage original, string returnPath, string recipient, DateTimeOffset now)
    {
        var local = recipient[..recipient.IndexOf('@')];
        var forwardedTo = $"{local}@elsewhere.test";
        var diagnostic = $"550 5.1.1 <{forwardedTo}>: Recipient address rejected: User unknown in virtual mailbox table";
        var dsn = NewReport(new MailboxAddress("Mail Delivery System", $"MAILER-DAEMON@{ForwardingHost}"), returnPath,
            "Undelivered Mail Returned to Sender", now);
        var report = new MultipartReport("delivery-status")
        {
            new TextPart("plain")
            {
                Text = $"This is the mail system at host {ForwardingHost}.\n\n"
                    + "I'm sorry to have to inform you that your message could not\nbe delivered to one or more recipients.\n\n"
                    + $"<{forwardedTo}> (expanded from <{recipient}>): host {SecondHop}[192.0.2.25] said:\n    {diagnostic} (in reply to RCPT TO command)\n",
            },
        };
        var status = new MessageDeliveryStatus();
        status.StatusGroups.Add(new HeaderList
        {
            { "Reporting-MTA", $"dns; {ForwardingHost}" },
            { "Arrival-Date", DateUtils.FormatDate(now) },
        });
        status.StatusGroups.Add(new HeaderList
        {
            { "Final-Recipient", $"rfc822; {forwardedTo}" },
            { "Original-Recipient", $"rfc822; {recipient}" },
            { "Action", "failed" },
            { "Status", "5.1.1" },
            { "Remote-MTA", $"dns; {SecondHop}" },
            { "Diagnostic-Code", $"smtp; {diagnostic}" },
        });
        report.Add(status);
        report.Add(new TextPart("rfc822-headers") { Text = HeadersOf(original) });
        dsn.Body = report;
        return dsn;
    }

    /// <summary>An RFC 5965 (ARF) abuse report from the mailbox provider's feedback loop.</summary>
    public static MimeMessage Complaint(MimeMessage original, string returnPath, string envelopeFrom, string recipient, DateTimeOffset now)
    {
        var arf = NewReport(new MailboxAddress("Sandbox Feedback Loop", "fbl@feedback.sandbox.test"), returnPath, $"Abuse report: {original.Subject}", now);
        var fields = $"Feedback-Type: abuse\r\nUser-Agent: SandboxFBL/1.0\r\nVersion: 1\r\nOriginal-Mail-From: <{envelopeFrom}>\r\n"
            + $"Original-Rcpt-To: <{recipient}>\r\nArrival-Date: {DateUtils.FormatDate(now)}\r\nSource-IP: 127.0.0.1\r\n"
            + $"Reported-Domain: {original.From.Mailboxes.FirstOrDefault()?.Domain}\r\n";
        arf.Body = new MultipartReport("feedback-report")
        {
            new TextPart("plain") { Text = $"This is an email abuse report for a message received from IP 127.0.0.1 on {DateUtils.FormatDate(now)}.\nThe recipient marked it as spam.\n" },
            new MimePart("message", "feedback-report") { Content = new MimeContent(new MemoryStream(Encoding.ASCII.GetBytes(fields))) },
            new MessagePart { Message = original },
        };
        return arf;
    }

    /// <summary>An RFC 3834 out-of-office reply, sent (as the RFC asks) to the return path.</summary>
    public static MimeMessage AutoReply(MimeMessage original, string returnPath, string recipient, DateTimeOffset now)
    {
        var reply = NewReport(MailboxAddress.Parse(recipient), returnPath, $"Out of office: {original.Subject}", now);
        reply.Headers.Add(HeaderId.AutoSubmitted, "auto-replied");
        if (original.MessageId is { } id)
        {
            reply.InReplyTo = id;
        }
        reply.Body = new TextPart("plain") { Text = "Thank you for your message. I am out of the office until Monday with limited access to email.\n" };
        return reply;
    }

    private static MimeMessage NewReport(MailboxAddress from, string to, string subject, DateTimeOffset now)
    {
        var message = new MimeMessage();
        message.From.Add(from);
        message.To.Add(MailboxAddress.Parse(to));
        message.Subject = subject;
        message.Date = now;
        message.MessageId = MimeUtils.GenerateMessageId(from.Domain);
        return message;
    }

    private static string HeadersOf(MimeMessage original)
    {
        var text = new StringBuilder();
        foreach (var header in original.Headers)
        {
            text.Append(header.Field).Append(": ").Append(header.Value.Trim()).Append("\r\n");
        }
        return text.ToString();
    }
}
