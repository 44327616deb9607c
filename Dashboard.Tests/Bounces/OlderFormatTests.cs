using System.Text;
using Dashboard.Core.Bounces;

namespace Dashboard.Tests.Bounces;

/// <summary>
/// Issue 13: bounce shapes the parser used to miss or misread, written for these tests from the
/// issue's descriptions (not copies of corpus files).
/// </summary>
public class OlderFormatTests
{
    private static IReadOnlyList<BounceReport> Parse(string message) => BounceParser.Parse(Encoding.UTF8.GetBytes(message.Replace("\r\n", "\n")));

    private const string YahooDsn = """
        From: MAILER-DAEMON@mta.sender.test
        To: bounces@bounce.sender.test
        Subject: Delivery Status Notification (Failure)
        MIME-Version: 1.0
        Content-Type: multipart/report; report-type=delivery-status; boundary="Y"

        --Y
        Content-Type: text/plain

        Your message could not be delivered.

        --Y
        Content-Type: message/delivery-status

        Reporting-MTA: dns; mta.sender.test

        Final-Recipient: rfc822; nobody@yahoo.com
        Action: failed
        Status: 5.0.0
        Diagnostic-Code: smtp; 554 delivery error: dd This user doesn't have a yahoo.com account (nobody@yahoo.com) [0] - mta1.mail.yahoo.com

        --Y--
        """;

    [Fact]
    public void YahooNoAccountWordingInADsnIsHard()
    {
        var report = Assert.Single(Parse(YahooDsn));

        Assert.Equal("userunknown", report.Reason);
        Assert.True(report.Hard);
    }

    [Fact]
    public void UserUnknownWithoutACommandIsHardButAfterDataIsFiltered()
    {
        var unknownStage = Assert.Single(Parse(BounceFixtures.DsnFor("jane@example.org", "5.0.0", "550 Unknown user", "QUIT").Replace(" (in reply to QUIT command)", "")));
        var afterData = Assert.Single(Parse(BounceFixtures.DsnFor("jane@example.org", "5.0.0", "550 Unknown user", "end of DATA")));

        Assert.Equal(("userunknown", (bool?)true), (unknownStage.Reason, unknownStage.Hard));
        Assert.Equal(("filtered", (bool?)false), (afterData.Reason, afterData.Hard));
    }

    private const string ExchangeStatusOnly = """
        From: postmaster@exchange.example.org
        To: bounces@bounce.sender.test
        Subject: Undeliverable: Spring offers
        MIME-Version: 1.0
        Content-Type: multipart/report; report-type=delivery-status; boundary="X"

        --X
        Content-Type: text/plain; charset=us-ascii

        Delivery has failed to these recipients or groups:

        gone@example.org
        The e-mail address you entered couldn't be found. Please check the recipient's e-mail address and try to resend the message.

        Original message headers:

        Received: from relay.sender.test by exchange.example.org
        Subject: Your mailbox is full and over quota, upgrade now
        X-Spam-Flag: blocked using spamhaus
        From: offers@sender.test
        To: gone@example.org

        --X
        Content-Type: message/delivery-status

        Reporting-MTA: dns; exchange.example.org

        Final-Recipient: rfc822; gone@example.org
        Action: failed
        Status: 5.1.1

        --X
        Content-Type: message/rfc822

        From: offers@sender.test
        To: gone@example.org
        Subject: Your mailbox is full and over quota, upgrade now
        Message-ID: <offer-1@sender.test>

        Hello
        --X--
        """;

    [Fact]
    public void ExchangeReportWithOnlyAStatusReadsTheStatusAndItsOwnWordsNotTheReturnedHeaders()
    {
        var report = Assert.Single(Parse(ExchangeStatusOnly));

        Assert.Equal("gone@example.org", report.Recipient);
        Assert.Equal("5.1.1", report.EnhancedStatus);
        Assert.Equal("userunknown", report.Reason);
        Assert.DoesNotContain("quota", report.Diagnostic ?? "", StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("spamhaus", report.Diagnostic ?? "", StringComparison.OrdinalIgnoreCase);
    }

    private static string Forwarded(string originalRecipient, string finalRecipient, string originalTo) => $"""
        From: MAILER-DAEMON@relay.example.org
        To: bounces@bounce.sender.test
        Subject: Undelivered Mail Returned to Sender
        MIME-Version: 1.0
        Content-Type: multipart/report; report-type=delivery-status; boundary="F"

        --F
        Content-Type: text/plain

        This is the mail system at host relay.example.org.

        --F
        Content-Type: message/delivery-status

        Reporting-MTA: dns; relay.example.org

        Final-Recipient: rfc822; {finalRecipient}
        Original-Recipient: rfc822;{originalRecipient}
        Action: failed
        Status: 5.1.1
        Diagnostic-Code: smtp; 550 5.1.1 <{finalRecipient}>: Recipient address rejected: User unknown

        --F
        Content-Type: message/rfc822

        From: news@sender.test
        To: {originalTo}
        Subject: News
        Message-ID: <fw-1@sender.test>

        Hi
        --F--
        """;

    [Fact]
    public void TheAddressWeSentToIsReportedWhenAnAliasLedElsewhere()
    {
        var report = Assert.Single(Parse(Forwarded("jane@example.org", "jane.doe@mailhost.example.net", "jane@example.org")));

        Assert.Equal("jane@example.org", report.Recipient);
        Assert.Equal("userunknown", report.Reason);
    }

    [Fact]
    public void AnOriginalRecipientThatOnlyTheReportKnowsGivesWayToTheAddressInTheReturnedMessage()
    {
        var report = Assert.Single(Parse(Forwarded("jane@internal.example.org", "jane@example.org", "jane@example.org")));

        Assert.Equal("jane@example.org", report.Recipient);
    }

    public static TheoryData<string, string, string, bool> PlainTextNotices => new()
    {
        {
            // A "Processing Error" notice.
            """
            From: MAILER-DAEMON@gw.example.org
            To: news@sender.test
            Subject: Processing Error

            The message could not be processed for the following recipient:

            gone@example.org: 550 User unknown
            """,
            "gone@example.org", "userunknown", true
        },
        {
            // L-Soft LSMTP's error block.
            """
            From: LSMTP Mail Delivery <postmaster@lists.example.org>
            To: news@sender.test
            Subject: Delivery failure

            --> Error description:
            Error-for:  gone@example.org
            Error-Text: No such local user.

            Error-End:  One error reported.
            """,
            "gone@example.org", "userunknown", true
        },
        {
            // A notice that delivery was postponed because the mailbox is full.
            """
            From: postmaster@mail.example.org
            To: news@sender.test
            Subject: Delivery postponed

            Delivery to the following recipient has been postponed due to a full mailbox:

                full@example.org
            """,
            "full@example.org", "mailboxfull", false
        },
        {
            // An X.400 gateway's report: the SMTP form of the address after "SMTP=".
            """
            From: System Administrator <postmaster@x400.example.org>
            To: news@sender.test
            Subject: Undeliverable: News

            Your message

              To:      Jane Doe
              Subject: News

            did not reach the following recipient(s):

            c=US;a= ;p=Example;o=Mail;dda:SMTP=jane@example.org; on Mon, 3 Mar 2003 10:00:00 +0000
                The recipient name is not recognized
                MSEXCH:IMS:Example:Site:MAIL 0 (000C05A6) Unknown Recipient
            """,
            "jane@example.org", "userunknown", true
        },
        {
            // qmail's own words for a mailbox that is not there.
            """
            From: MAILER-DAEMON@qmail.example.org
            To: news@sender.test
            Subject: failure notice

            Hi. This is the qmail-send program at qmail.example.org.
            I'm afraid I wasn't able to deliver your message to the following addresses.

            <nobody@example.org>:
            192.0.2.25 does not like recipient.
            Remote host said: 550 That's not a valid user here
            """,
            "nobody@example.org", "userunknown", true
        },
    };

    [Theory]
    [MemberData(nameof(PlainTextNotices))]
    public void OlderPlainTextNoticesAreRead(string message, string recipient, string reason, bool hard)
    {
        var report = Assert.Single(Parse(message));

        Assert.Equal(recipient, report.Recipient);
        Assert.Equal(reason, report.Reason);
        Assert.Equal(hard, report.Hard);
    }

    [Theory]
    [InlineData("\n")]
    [InlineData(" \n")]
    [InlineData("\t \r\n")]
    public void AMessageWhoseFirstLineIsWhitespaceStillHasItsHeadersRead(string firstLine)
    {
        var message = firstLine + BounceFixtures.DsnFor("gone@example.org", "5.1.1", "550 5.1.1 User unknown").Replace("\r\n", "\n");

        var report = Assert.Single(BounceParser.Parse(Encoding.UTF8.GetBytes(message)));

        Assert.Equal("gone@example.org", report.Recipient);
        Assert.Equal("userunknown", report.Reason);
    }
}
