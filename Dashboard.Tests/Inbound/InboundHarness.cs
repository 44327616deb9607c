using System.Text;
using Dashboard.Core.Bounces.Inbound;
using Dashboard.Tests.Sending;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Dashboard.Tests.Inbound;

/// <summary>The inbound bounce listener on a free loopback port, wired to a pipeline harness's database and rules.</summary>
public sealed class InboundHarness : IAsyncDisposable
{
    public InboundHarness(PipelineHarness pipeline, Action<InboundOptions>? configure = null, Dashboard.Core.Unsubscribe.UnsubscribeService? unsubscribe = null,
        Dashboard.Core.Dmarc.DmarcReportReceiver? dmarc = null)
    {
        var inbound = new InboundOptions { Port = 0 };
        configure?.Invoke(inbound);
        Processor = new InboundBounceProcessor(pipeline.Database.Factory, pipeline.ReturnPath,
            pipeline.Ledger, pipeline.Clock, NullLogger<InboundBounceProcessor>.Instance, unsubscribe, dmarc);
        Server = new InboundBounceServer(Options.Create(inbound), pipeline.ReturnPath, Processor,
            NullLogger<InboundBounceServer>.Instance);
        Server.StartAsync(CancellationToken.None).GetAwaiter().GetResult();
    }

    public InboundBounceProcessor Processor { get; }

    public InboundBounceServer Server { get; }

    /// <summary>Delivers raw MIME to the listener over SMTP, as a remote mail server would.</summary>
    public async Task DeliverAsync(string raw, string to, string from = "MAILER-DAEMON@mx.remote.test")
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(raw));
        var message = await MimeMessage.LoadAsync(stream);
        using var client = new SmtpClient();
        await client.ConnectAsync(Server.Address, Server.Port, SecureSocketOptions.None);
        await client.SendAsync(message, MailboxAddress.Parse(from), [MailboxAddress.Parse(to)]);
        await client.DisconnectAsync(true);
    }

    public ValueTask DisposeAsync() => Server.DisposeAsync();

    /// <summary>A Postfix-style RFC 3464 bounce for <paramref name="recipient"/>, returning the original headers.</summary>
    public static string PostfixDsn(string to, string recipient, string messageId, string diagnostic, string status = "5.1.1") => $"""
        From: MAILER-DAEMON@mx.remote.test (Mail Delivery System)
        To: {to}
        Subject: Undelivered Mail Returned to Sender
        Date: Mon, 2 Mar 2026 09:05:00 +0000
        Message-ID: <20260302090500.AB12C3D4E5@mx.remote.test>
        Auto-Submitted: auto-replied
        MIME-Version: 1.0
        Content-Type: multipart/report; report-type=delivery-status; boundary="B0UND"

        --B0UND
        Content-Type: text/plain; charset=us-ascii

        This is the mail system at host mx.remote.test.

        I'm sorry to have to inform you that your message could not
        be delivered to one or more recipients.

        <{recipient}>: host mx.destination.test[192.0.2.10] said: {diagnostic}

        --B0UND
        Content-Type: message/delivery-status

        Reporting-MTA: dns; mx.remote.test
        Arrival-Date: Mon, 2 Mar 2026 09:00:00 +0000

        Final-Recipient: rfc822; {recipient}
        Original-Recipient: rfc822;{recipient}
        Action: failed
        Status: {status}
        Remote-MTA: dns; mx.destination.test
        Diagnostic-Code: smtp; {diagnostic}

        --B0UND
        Content-Type: text/rfc822-headers

        From: news@shop.example
        To: {recipient}
        Subject: Weekly news
        Message-ID: <{messageId}>

        --B0UND--
        """.ReplaceLineEndings("\r\n");
}
