using System.Text;
using Dashboard.Core.Bounces;

namespace Dashboard.Classify;

/// <summary>
/// Parses two small built-in bounces on a spare thread while the command is still listing its input
/// folders. The first parse of a run compiles the whole parsing path (MIME reader, bounce readers,
/// classifier, their regular expressions): a few hundred milliseconds of work that the worker threads
/// would otherwise do one after the other, waiting on each other's compilations, with the second core
/// idle while the folders are listed.
/// </summary>
internal static class ClassifyWarmUp
{
    // A standard delivery status notification and a prose bounce: between them they take every
    // common path through the parser. Written for this purpose; no real message is copied.
    private const string Dsn = """
        From: Mail Delivery System <MAILER-DAEMON@mx.example.net>
        To: sender@example.com
        Subject: Undelivered Mail Returned to Sender
        MIME-Version: 1.0
        Content-Type: multipart/report; report-type=delivery-status; boundary="b1"

        --b1
        Content-Type: text/plain; charset=us-ascii

        I'm sorry to have to inform you that your message could not
        be delivered to one or more recipients.

        <nobody@example.org>: host mx.example.org[192.0.2.1] said: 550 5.1.1
            <nobody@example.org>: Recipient address rejected: User unknown (in
            reply to RCPT TO command)

        --b1
        Content-Type: message/delivery-status

        Reporting-MTA: dns; mx.example.net

        Final-Recipient: rfc822; nobody@example.org
        Action: failed
        Status: 5.1.1
        Remote-MTA: dns; mx.example.org
        Diagnostic-Code: smtp; 550 5.1.1 <nobody@example.org>: Recipient address rejected: User unknown

        --b1
        Content-Type: text/rfc822-headers

        From: sender@example.com
        To: nobody@example.org
        Subject: Hello
        Message-ID: <warm-up@example.com>

        --b1--
        """;

    private const string Prose = """
        From: MAILER-DAEMON@mail.example.net
        To: sender@example.com
        Subject: Mail delivery failed: returning message to sender
        Content-Type: text/plain; charset="utf-8"
        Content-Transfer-Encoding: quoted-printable

        This message was created automatically by mail delivery software.

        A message that you sent could not be delivered to one or more of its
        recipients. This is a permanent error. The following address(es) failed:

          full@example.org
            SMTP error from remote mail server after RCPT TO:<full@example.org>:
            452 4.2.2 The email account that you tried to reach is over quota

        ------ This is a copy of the message, including all the headers. ------

        Return-path: <sender@example.com>
        From: sender@example.com
        To: full@example.org
        Subject: Hello
        Message-ID: <warm-up-2@example.com>
        """;

    /// <summary>Starts the warm-up on a background thread and returns at once.</summary>
    public static void Start()
    {
        var thread = new Thread(() =>
        {
            try
            {
                Run();
            }
            catch (Exception)
            {
                // Only ever a head start: the real parses compile whatever this did not.
            }
        })
        { IsBackground = true, Name = "classify-warm-up" };
        thread.Start();
    }

    /// <summary>Parses both samples; what they report (the tests check they are read as real bounces).</summary>
    internal static IReadOnlyList<BounceReport> Run() =>
        [.. BounceParser.Parse(Encoding.UTF8.GetBytes(Dsn)), .. BounceParser.Parse(Encoding.UTF8.GetBytes(Prose))];
}
