namespace Dashboard.Tests.Bounces;

/// <summary>Bounce messages written for these tests, one per major format (no corpus messages).</summary>
internal static class BounceFixtures
{
    internal const string Rfc3464 = """
        Return-Path: <>
        From: Mail Delivery Subsystem <mailer-daemon@mx.sender.test>
        To: bounces+tok123@bounce.sender.test
        Subject: Delivery Status Notification (Failure)
        Message-ID: <dsn-1@mx.sender.test>
        MIME-Version: 1.0
        Content-Type: multipart/report; report-type=delivery-status; boundary="b1"

        --b1
        Content-Type: text/plain; charset=us-ascii

        Your message could not be delivered to one or more recipients.

        --b1
        Content-Type: message/delivery-status

        Reporting-MTA: dns; mx.sender.test
        Original-Envelope-Id: env-42

        Final-Recipient: rfc822; ghost@example.org
        Action: failed
        Status: 5.1.1
        Remote-MTA: dns; mx.example.org
        Diagnostic-Code: smtp; 550 5.1.1 <ghost@example.org>: Recipient address
            rejected: User unknown in virtual mailbox table

        Final-Recipient: rfc822; full@example.org
        Action: failed
        Status: 5.2.2
        Remote-MTA: dns; mx.example.org
        Diagnostic-Code: smtp; 552 5.2.2 <full@example.org>: Mailbox full

        --b1
        Content-Type: message/rfc822

        Return-Path: <bounces+tok123@bounce.sender.test>
        From: News <news@sender.test>
        To: ghost@example.org, full@example.org
        Subject: Our news
        Message-ID: <original-1@sender.test>

        Hello
        --b1--
        """;

    internal const string Postfix = """
        From: MAILER-DAEMON@mail.sender.test (Mail Delivery System)
        To: bounces+tok@bounce.sender.test
        Subject: Undelivered Mail Returned to Sender
        MIME-Version: 1.0
        Content-Type: multipart/report; report-type=delivery-status; boundary="PF1"

        --PF1
        Content-Description: Notification
        Content-Type: text/plain; charset=us-ascii

        This is the mail system at host mail.sender.test.

        I'm sorry to have to inform you that your message could not
        be delivered to one or more recipients.

        <nobody@example.net>: host mx.example.net[192.0.2.5] said: 550 5.1.1
            <nobody@example.net>: Recipient address rejected: User unknown in local
            recipient table (in reply to RCPT TO command)

        --PF1
        Content-Description: Delivery report
        Content-Type: message/delivery-status

        Reporting-MTA: dns; mail.sender.test

        Final-Recipient: rfc822; nobody@example.net
        Action: failed
        Status: 5.1.1
        Remote-MTA: dns; mx.example.net
        Diagnostic-Code: smtp; 550 5.1.1 <nobody@example.net>: Recipient address
            rejected: User unknown in local recipient table

        --PF1
        Content-Description: Undelivered Message Headers
        Content-Type: text/rfc822-headers

        Return-Path: <bounces+tok@bounce.sender.test>
        From: shop@sender.test
        To: nobody@example.net
        Subject: Receipt
        Message-ID: <receipt-9@sender.test>

        --PF1--
        """;

    internal const string Exim = """
        From: Mail Delivery System <Mailer-Daemon@relay.sender.test>
        To: bounces+abc@bounce.sender.test
        Subject: Mail delivery failed: returning message to sender
        X-Failed-Recipients: someone@example.com
        Auto-Submitted: auto-replied

        This message was created automatically by mail delivery software.

        A message that you sent could not be delivered to one or more of its
        recipients. This is a permanent error. The following address(es) failed:

          someone@example.com
            host mx.example.com [192.0.2.9]
            SMTP error from remote mail server after end of data:
            552 5.2.2 Mailbox quota exceeded

        ------ This is a copy of the message, including all the headers. ------

        Return-path: <bounces+abc@bounce.sender.test>
        Message-Id: <exim-orig@sender.test>
        From: team@sender.test
        To: someone@example.com
        Subject: Hi

        Body
        """;

    internal const string Sendmail = """
        From: Mail Delivery Subsystem <MAILER-DAEMON@gw.sender.test>
        To: <bounces@bounce.sender.test>
        Subject: Returned mail: see transcript for details
        MIME-Version: 1.0
        Content-Type: multipart/report; report-type=delivery-status; boundary="SM1"

        --SM1

        The original message was received at Mon, 2 Mar 2026 10:00:00 +0100
        from localhost [127.0.0.1]

           ----- The following addresses had permanent fatal errors -----
        <blocked@example.jp>
            (reason: 554 5.7.1 Service unavailable; Client host [192.0.2.7] blocked using zen.spamhaus.org)

           ----- Transcript of session follows -----
        ... while talking to mx.example.jp.:
        >>> RCPT To:<blocked@example.jp>
        <<< 554 5.7.1 Service unavailable; Client host [192.0.2.7] blocked using zen.spamhaus.org
        550 5.1.1 <blocked@example.jp>... User unknown

        --SM1
        Content-Type: message/delivery-status

        Reporting-MTA: dns; gw.sender.test

        Final-Recipient: RFC822; blocked@example.jp
        Action: failed
        Status: 5.7.1
        Remote-MTA: DNS; mx.example.jp
        Diagnostic-Code: SMTP; 554 5.7.1 Service unavailable; Client host [192.0.2.7] blocked using zen.spamhaus.org

        --SM1--
        """;

    internal const string Qmail = """
        From: MAILER-DAEMON@qmail.sender.test
        To: bounces@bounce.sender.test
        Subject: failure notice

        Hi. This is the qmail-send program at qmail.sender.test.
        I'm afraid I wasn't able to deliver your message to the following addresses.
        This is a permanent error; I've given up. Sorry it didn't work out.

        <nope@example.net>:
        Sorry, no mailbox here by that name. (#5.1.1)

        --- Below this line is a copy of the message.

        Return-Path: <bounces@bounce.sender.test>
        Message-ID: <q-1@sender.test>
        From: me@sender.test
        To: nope@example.net
        Subject: hello

        hi
        """;

    internal const string Exchange = """
        From: postmaster@corp.example.com
        To: bounces@bounce.sender.test
        Subject: Undeliverable: Quarterly report
        MIME-Version: 1.0
        Content-Type: multipart/mixed; boundary="EX1"

        --EX1
        Content-Type: text/plain; charset=us-ascii

        Delivery has failed to these recipients or groups:

        former.employee@corp.example.com
        The email address you entered couldn't be found. Please check the recipient's email address and try to resend the message.

        Diagnostic information for administrators:

        Generating server: EX01.corp.example.com

        former.employee@corp.example.com
        Remote Server returned '550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup'

        --EX1
        Content-Type: message/rfc822

        From: reports@sender.test
        To: former.employee@corp.example.com
        Subject: Quarterly report
        Message-ID: <ex-orig@sender.test>

        numbers
        --EX1--
        """;

    internal const string Gmail = """
        From: Mail Delivery Subsystem <mailer-daemon@googlemail.com>
        To: sender@gmail.com
        Subject: Delivery Status Notification (Failure)
        Content-Type: text/plain; charset=UTF-8

        Delivery to the following recipient failed permanently:

             gone@example.org

        Technical details of permanent failure:
        Google tried to deliver your message, but it was rejected by the server for the recipient domain example.org by mx.example.org. [192.0.2.3].

        The error that the other server returned was:
        550 5.2.1 The email account that you tried to reach is disabled.

        ----- Original message -----

        Message-ID: <g-orig@mail.gmail.com>
        From: sender@gmail.com
        To: gone@example.org
        Subject: test
        """;

    internal const string Arf = """
        From: Feedback Loop <fbl@isp.example>
        To: abuse@sender.test
        Subject: Abuse report
        MIME-Version: 1.0
        Content-Type: multipart/report; report-type=feedback-report; boundary="ARF"

        --ARF
        Content-Type: text/plain

        This is an email abuse report for an email message received from IP 192.0.2.1.

        --ARF
        Content-Type: message/feedback-report

        Feedback-Type: abuse
        User-Agent: ExampleFBL/1.0
        Version: 1
        Original-Mail-From: <bounces+t1@bounce.sender.test>
        Original-Rcpt-To: <angry@isp.example>

        --ARF
        Content-Type: message/rfc822

        From: news@sender.test
        To: angry@isp.example
        Subject: Deals
        Message-ID: <arf-orig@sender.test>

        Buy now
        --ARF--
        """;

    internal const string AutoReply = """
        From: Jane Doe <jane@example.com>
        To: news@sender.test
        Subject: Automatic reply: Our news
        Auto-Submitted: auto-replied
        In-Reply-To: <original-1@sender.test>

        I am out of the office until Monday and will reply when I am back.
        """;

    internal const string SuccessDsn = """
        From: Mail Delivery System <MAILER-DAEMON@mx.sender.test>
        To: bounces@bounce.sender.test
        Subject: Successful Mail Delivery Report
        MIME-Version: 1.0
        Content-Type: multipart/report; report-type=delivery-status; boundary="OK1"

        --OK1
        Content-Type: text/plain

        Your message was successfully delivered to the destination(s) listed below.

        --OK1
        Content-Type: message/delivery-status

        Reporting-MTA: dns; mx.sender.test

        Final-Recipient: rfc822; happy@example.org
        Action: delivered
        Status: 2.0.0
        Diagnostic-Code: smtp; 250 2.0.0 Ok: queued as 4B1C2

        --OK1--
        """;

    internal const string NotABounce = """
        From: Alice <alice@example.com>
        To: bob@example.org
        Subject: Lunch tomorrow?
        Message-ID: <lunch@example.com>

        Hi Bob, are you free for lunch tomorrow? Alice
        """;

    /// <summary>
    /// A minimal RFC 3464 DSN carrying one SMTP reply, for the seed cases of the core issue; like
    /// Postfix's, it says which command the server was answering.
    /// </summary>
    internal static string DsnFor(string recipient, string status, string diagnostic, string command = "RCPT TO") => $"""
        From: MAILER-DAEMON@mx.sender.test
        To: bounces@bounce.sender.test
        Subject: Delivery Status Notification (Failure)
        MIME-Version: 1.0
        Content-Type: multipart/report; report-type=delivery-status; boundary="S"

        --S
        Content-Type: text/plain

        Delivery failed.

        --S
        Content-Type: message/delivery-status

        Reporting-MTA: dns; mx.sender.test

        Final-Recipient: rfc822; {recipient}
        Action: failed
        Status: {status}
        Diagnostic-Code: smtp; {diagnostic} (in reply to {command} command)

        --S--
        """;

    internal static IEnumerable<string> All =>
        [Rfc3464, Postfix, Exim, Sendmail, Qmail, Exchange, Gmail, Arf, AutoReply, SuccessDsn, NotABounce];
}
