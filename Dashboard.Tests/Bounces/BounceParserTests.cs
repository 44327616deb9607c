using System.Text;
using Dashboard.Core.Bounces;

namespace Dashboard.Tests.Bounces;

public class BounceParserTests
{
    private static IReadOnlyList<BounceReport> Parse(string message) => BounceParser.Parse(Encoding.UTF8.GetBytes(message.Replace("\r\n", "\n")));

    [Fact]
    public void Rfc3464ReportGivesOneReportPerRecipient()
    {
        var reports = Parse(BounceFixtures.Rfc3464);

        Assert.Collection(reports,
            ghost =>
            {
                Assert.Equal("ghost@example.org", ghost.Recipient);
                Assert.Equal(BounceKind.Bounce, ghost.Kind);
                Assert.Equal("failed", ghost.Action);
                Assert.Equal("5.1.1", ghost.EnhancedStatus);
                Assert.Equal(550, ghost.ReplyCode);
                Assert.Equal("userunknown", ghost.Reason);
                Assert.True(ghost.Hard);
                Assert.Equal("mx.example.org", ghost.RemoteMta);
                Assert.Contains("User unknown in virtual mailbox table", ghost.Diagnostic);
            },
            full =>
            {
                Assert.Equal("full@example.org", full.Recipient);
                Assert.Equal("mailboxfull", full.Reason);
                Assert.False(full.Hard);
                Assert.Equal(552, full.ReplyCode);
            });
    }

    [Fact]
    public void ReportsIdentifyTheOriginalMessage()
    {
        var report = Parse(BounceFixtures.Rfc3464)[0];

        Assert.Equal("original-1@sender.test", report.Original.MessageId);
        Assert.Equal("bounces+tok123@bounce.sender.test", report.Original.EnvelopeSender);
        Assert.Equal("bounces+tok123@bounce.sender.test", report.Original.BounceTo);
        Assert.Equal("env-42", report.Original.EnvelopeId);
        Assert.Equal("Our news", report.Original.Header("Subject"));
    }

    public static TheoryData<string, string, string, string, bool?, BounceKind> Formats => new()
    {
        { nameof(BounceFixtures.Postfix), BounceFixtures.Postfix, "nobody@example.net", "userunknown", true, BounceKind.Bounce },
        { nameof(BounceFixtures.Exim), BounceFixtures.Exim, "someone@example.com", "mailboxfull", false, BounceKind.Bounce },
        { nameof(BounceFixtures.Sendmail), BounceFixtures.Sendmail, "blocked@example.jp", "blocked", false, BounceKind.Bounce },
        { nameof(BounceFixtures.Qmail), BounceFixtures.Qmail, "nope@example.net", "userunknown", true, BounceKind.Bounce },
        { nameof(BounceFixtures.Exchange), BounceFixtures.Exchange, "former.employee@corp.example.com", "userunknown", true, BounceKind.Bounce },
        { nameof(BounceFixtures.Gmail), BounceFixtures.Gmail, "gone@example.org", "suspend", false, BounceKind.Bounce },
        { nameof(BounceFixtures.Arf), BounceFixtures.Arf, "angry@isp.example", "feedback", null, BounceKind.Complaint },
        { nameof(BounceFixtures.AutoReply), BounceFixtures.AutoReply, "jane@example.com", "vacation", null, BounceKind.AutoReply },
        { nameof(BounceFixtures.SuccessDsn), BounceFixtures.SuccessDsn, "happy@example.org", "delivered", null, BounceKind.Delivered },
    };

    [Theory]
    [MemberData(nameof(Formats))]
    public void EachFormatNamesTheRecipientAndWhy(string format, string message, string recipient, string reason, bool? hard, BounceKind kind)
    {
        var reports = Parse(message);

        var report = Assert.Single(reports);
        Assert.Equal(recipient, report.Recipient, ignoreCase: true);
        Assert.True(reason == report.Reason, $"{format}: expected {reason}, got {report.Reason} ({report.Rule})");
        Assert.Equal(hard, report.Hard);
        Assert.Equal(kind, report.Kind);
    }

    [Fact]
    public void PlainMessageIsNotABounce()
    {
        var reports = Parse(BounceFixtures.NotABounce);

        Assert.Empty(reports);
    }

    [Theory]
    [InlineData("\r\n")]
    [InlineData("\r")]
    public void LineEndsDoNotChangeTheReading(string lineEnd)
    {
        var expected = Parse(BounceFixtures.Rfc3464);

        var reports = BounceParser.Parse(Encoding.UTF8.GetBytes(BounceFixtures.Rfc3464.Replace("\r\n", "\n").Replace("\n", lineEnd)));

        Assert.Equal(expected.Select(r => (r.Recipient, r.Reason, r.EnhancedStatus, r.ReplyCode)),
            reports.Select(r => (r.Recipient, r.Reason, r.EnhancedStatus, r.ReplyCode)));
    }

    [Fact]
    public void StreamInputReadsTheSameAsBytes()
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(BounceFixtures.Exim));

        var reports = BounceParser.Parse(stream);

        Assert.Equal("someone@example.com", Assert.Single(reports).Recipient);
    }

    /// <summary>The core issue's seed cases, arriving as bounce messages instead of SMTP replies.</summary>
    public static TheoryData<string, string, string, bool> SeedCases => new()
    {
        { "5.1.1", "550 5.1.1 The email account that you tried to reach does not exist", "userunknown", true },
        { "5.0.0", "550 User unknown", "userunknown", true },
        { "5.0.0", "554 This user doesn't have a yahoo.com account", "userunknown", true },
        { "5.1.1", "550 5.1.1 Recipient address rejected", "userunknown", true },
        { "5.1.2", "550 5.1.2 Host or domain name not found", "hostunknown", true },
        { "4.2.2", "452 4.2.2 Recipient address rejected: Mailbox full", "mailboxfull", false },
        { "5.2.2", "552 5.2.2 The email account that you tried to reach is over quota", "mailboxfull", false },
        { "4.7.0", "421 4.7.0 Try again later", "toomanyconn", false },
        { "4.3.1", "452 Insufficient system storage", "systemfull", false },
        { "5.3.4", "552 5.3.4 Message size exceeds fixed limit", "mesgtoobig", false },
        { "5.7.1", "554 5.7.1 Client host blocked using zen.spamhaus.org", "blocked", false },
        { "5.7.1", "550 5.7.1 Message rejected as spam", "spamdetected", false },
    };

    [Theory]
    [MemberData(nameof(SeedCases))]
    public void SeedCasesWrappedAsDsnsClassifyLikeReplies(string status, string diagnostic, string reason, bool hard)
    {
        var report = Assert.Single(Parse(BounceFixtures.DsnFor("rcpt@example.org", status, diagnostic)));

        Assert.Equal("rcpt@example.org", report.Recipient);
        Assert.Equal(reason, report.Reason);
        Assert.Equal(hard, report.Hard);
    }

    [Fact]
    public void UserUnknownAfterTheMessageDataIsFilteredNotAHardBounce()
    {
        var report = Assert.Single(Parse(BounceFixtures.DsnFor("rcpt@example.org", "5.0.0", "550 Unknown user", "end of DATA")));

        Assert.Equal("filtered", report.Reason);
        Assert.False(report.Hard);
    }

    [Fact]
    public void GarbageIsNotABounce()
    {
        var garbage = new byte[10_000];
        new Random(7).NextBytes(garbage);

        Assert.Empty(BounceParser.Parse(garbage));
        Assert.Empty(BounceParser.Parse([]));
    }

    [Fact]
    public void NestedMessagesDoNotRecurseWithoutEnd()
    {
        var inner = BounceFixtures.Rfc3464;
        for (var i = 0; i < 60; i++)
        {
            inner = $"From: a@example.org\nSubject: fwd {i}\nMIME-Version: 1.0\nContent-Type: message/rfc822\n\n{inner}";
        }

        var reports = BounceParser.Parse(Encoding.UTF8.GetBytes(inner));

        Assert.NotNull(reports);
    }
}
