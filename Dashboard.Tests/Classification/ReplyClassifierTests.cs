using Dashboard.Core.Classification;

namespace Dashboard.Tests.Classification;

public class ReplyClassifierTests
{
    /// <summary>Issue 2's table from the product guidance, then providers' own wordings.</summary>
    public static TheoryData<int?, string?, string, string, bool> Replies => new()
    {
        // code, enhanced status, text, expected reason, expected hard
        { 550, "5.1.1", "550 5.1.1 The email account that you tried to reach does not exist", "userunknown", true },
        { 550, null, "550 User unknown", "userunknown", true },
        { 554, null, "554 This user doesn't have a yahoo.com account", "userunknown", true },
        { 550, "5.1.1", "550 5.1.1 Recipient address rejected", "userunknown", true },
        { null, null, "Host or domain name not found. Name service error for name=yohoo.com type=MX: Host not found", "hostunknown", true },
        { 452, "4.2.2", "452 4.2.2 Recipient address rejected: Mailbox full", "mailboxfull", false },
        { 552, "5.2.2", "552 5.2.2 The email account that you tried to reach is over quota", "mailboxfull", false },
        { 421, "4.7.0", "421 4.7.0 Try again later", "toomanyconn", false },
        { 452, null, "452 Insufficient system storage", "systemfull", false },
        { 552, "5.3.4", "552 5.3.4 Message size exceeds fixed limit", "mesgtoobig", false },
        { 554, "5.7.1", "554 5.7.1 Client host blocked using zen.spamhaus.org", "blocked", false },
        { 550, "5.7.1", "550 5.7.1 Message rejected as spam", "spamdetected", false },
        { null, null, "connect to mx.example.org[192.0.2.1]:25: Connection refused", "networkerror", false },

        // Gmail / Google Workspace
        { 550, "5.2.1", "550-5.2.1 The email account that you tried to reach is disabled. Learn more at https://support.google.com/mail/?p=DisabledUser", "suspend", false },
        { 550, "5.7.1", "550-5.7.1 [192.0.2.1] Our system has detected that this message is likely unsolicited mail. To reduce the amount of spam sent to Gmail, this message has been blocked.", "spamdetected", false },
        { 421, "4.7.28", "421-4.7.28 [192.0.2.1] Our system has detected an unusual rate of unsolicited mail originating from your IP address. To protect our users from spam, mail sent from your IP address has been temporarily rate limited.", "blocked", false },
        { 550, "5.7.26", "550-5.7.26 Unauthenticated email from example.com is not accepted due to domain's DMARC policy.", "policyviolation", false },
        { 552, "5.2.3", "552-5.2.3 Your message exceeded Google's message size limits.", "exceedlimit", false },
        // Outlook / Office 365
        { 550, "5.5.0", "550 5.5.0 Requested action not taken: mailbox unavailable (S2017062302)", "userunknown", true },
        { 550, "5.1.10", "550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup", "userunknown", true },
        { 550, "5.7.1", "550 5.7.1 Unfortunately, messages from [192.0.2.1] weren't sent. Please contact your Internet service provider since part of their network is on our block list (S3140).", "blocked", false },
        { 550, "5.7.606", "550 5.7.606 Access denied, banned sending IP [192.0.2.1]. To request removal from this list please visit https://sender.office.com/", "blocked", false },
        { 452, "4.2.2", "452 4.2.2 The recipient's mailbox is full and can't accept messages now.", "mailboxfull", false },
        { 451, "4.7.500", "451 4.7.500 Server busy. Please try again later from [192.0.2.1]. (S77714)", "toomanyconn", false },
        // Greylisting says nothing about the address, even worded as a recipient rejection.
        { 450, "4.2.0", "450 4.2.0 <a@example.org>: Recipient address rejected: Greylisted, see http://postgrey.schweikert.ch/help/example.org.html", "toomanyconn", false },
        // Yahoo / AOL
        { 553, "5.7.1", "553 5.7.1 [BL21] Connections will not be accepted from 192.0.2.1, because the ip is in Spamhaus's list", "blocked", false },
        { 421, "4.7.0", "421 4.7.0 [TSS04] Messages from 192.0.2.1 temporarily deferred due to unexpected volume or user complaints", "blocked", false },
        { 552, null, "552 1 Requested mail action aborted, mailbox not found", "userunknown", true },
        // iCloud
        { 550, "5.1.1", "550 5.1.1 <someone@icloud.com>: user does not exist", "userunknown", true },
        { 552, "5.2.2", "552 5.2.2 <someone@icloud.com>: user is over quota", "mailboxfull", false },
        // Proton
        { 550, "5.1.1", "550 5.1.1 Address does not exist", "userunknown", true },
        // GMX / Web.de
        { 550, null, "550 Requested action not taken: mailbox unavailable", "userunknown", true },
        { 554, null, "554-Transaction failed Reject due to policy restrictions.", "policyviolation", false },
        // mail.ru / Yandex
        { 550, null, "550 Message was not accepted -- invalid mailbox. Local mailbox someone@mail.ru is unavailable: user not found", "userunknown", true },
        { 552, "5.2.2", "552 5.2.2 Mailbox size limit exceeded", "mailboxfull", false },
        { 554, "5.7.1", "554 5.7.1 [2] Message rejected under suspicion of SPAM; https://ya.cc/1IrBc", "spamdetected", false },
        // Postfix
        { 550, "5.1.1", "550 5.1.1 <x@example.org>: Recipient address rejected: User unknown in virtual mailbox table", "userunknown", true },
        { 554, "5.7.1", "554 5.7.1 <x@example.org>: Relay access denied", "norelaying", false },
        { 450, "4.1.8", "450 4.1.8 <bounce@example.com>: Sender address rejected: Domain not found", "rejected", false },
        { 450, "4.7.1", "450 4.7.1 Client host rejected: cannot find your hostname, [192.0.2.1]", "blocked", false },
        // Exim
        { 550, null, "550 Unrouteable address", "hostunknown", true },
        { 550, null, "550 Verification failed for <bounce@example.com> Sender verify failed", "rejected", false },
        { 550, null, "550 Unroutable sender address", "rejected", false },
        { 550, null, "550 Protocol violation", "syntaxerror", false },
        // Sendmail / qmail
        { 553, "5.1.8", "553 5.1.8 <bounce@example.com>... Domain of sender address bounce@example.com does not exist", "rejected", false },
        { 550, null, "Sorry, no mailbox here by that name. (#5.1.1)", "userunknown", true },
        // A 4xx that names a dead address is hard; a 5xx full mailbox is soft.
        { 450, "4.1.1", "450 4.1.1 <x@example.org>: Recipient address rejected: User unknown", "userunknown", true },
        { 550, null, "550 Mailbox full", "mailboxfull", false },
        { 550, "5.7.1", "550 5.7.1 This message contains a virus", "virusdetected", false },
        { 451, "4.4.7", "451 4.4.7 Delivery time expired", "expired", false },
        { 550, "5.1.10", "550 5.1.10 Recipient address has null MX", "notaccept", true },
        { 450, null, "450 Domain does not accept mail (null MX)", "notaccept", false },
    };

    [Theory]
    [MemberData(nameof(Replies))]
    public void ReadsReasonAndHardnessFromTextAndCodes(int? code, string? status, string text, string reason, bool hard)
    {
        var verdict = ReplyClassifier.Classify(code, status, text);

        Assert.Equal(reason, verdict.Reason);
        Assert.Equal(hard, verdict.Hard);
        Assert.Equal(hard ? Outcome.HardBounce : Outcome.SoftBounce, verdict.Outcome);
        Assert.False(string.IsNullOrWhiteSpace(verdict.Rule));
        Assert.False(string.IsNullOrWhiteSpace(verdict.Advice));
    }

    [Fact]
    public void EvidenceIsTheMatchedFragmentOfTheText()
    {
        var verdict = ReplyClassifier.Classify(452, "4.2.2", "452 4.2.2 Recipient address rejected: Mailbox full");

        Assert.Equal("mailbox-full", verdict.Rule);
        Assert.Equal("Mailbox full", verdict.Evidence);
    }

    [Fact]
    public void TwoHundredRepliesAreDeliveries()
    {
        var verdict = ReplyClassifier.Classify(250, "2.0.0", "250 2.0.0 OK queued as 12345");

        Assert.Equal(Outcome.Delivered, verdict.Outcome);
        Assert.Equal("delivered", verdict.Reason);
        Assert.Null(verdict.Hard);
    }

    [Fact]
    public void UserUnknownAfterTheMessageWasSentReadsAsFiltered()
    {
        var verdict = ReplyClassifier.Classify(550, null, "550 Unknown user (in reply to end of DATA command)", action: null, SmtpPhase.EndOfData);

        Assert.Equal("filtered", verdict.Reason);
        Assert.False(verdict.Hard);
    }

    [Fact]
    public void UnexplainedRefusalAtMailFromIsAboutTheSender()
    {
        var verdict = ReplyClassifier.Classify(550, null, "550 Go away", action: null, SmtpPhase.Mail);

        Assert.Equal("rejected", verdict.Reason);
        Assert.False(verdict.Hard);
    }

    [Fact]
    public void DelayedActionWithoutAClearCauseIsExpired()
    {
        var verdict = ReplyClassifier.Classify(null, "4.0.0", null, action: "delayed", SmtpPhase.Unknown);

        Assert.Equal("expired", verdict.Reason);
        Assert.False(verdict.Hard);
    }

    [Theory]
    [InlineData(ConnectionFailure.Refused, null, "Connection refused", "networkerror", false)]
    [InlineData(ConnectionFailure.TimedOut, null, "Connection timed out", "networkerror", false)]
    [InlineData(ConnectionFailure.DomainNotFound, null, "NXDOMAIN", "hostunknown", true)]
    [InlineData(ConnectionFailure.NoMailServer, null, "no MX and no A record", "hostunknown", true)]
    [InlineData(ConnectionFailure.GreetingRejected, 421, "421 mx.example.org Service not available, closing transmission channel", "systemerror", false)]
    [InlineData(ConnectionFailure.GreetingRejected, 554, "554 5.7.1 Client host blocked using zen.spamhaus.org", "blocked", false)]
    [InlineData(ConnectionFailure.TlsFailed, null, "TLS handshake failed", "securityerror", false)]
    public void ConnectionFailuresAreClassified(ConnectionFailure failure, int? code, string text, string reason, bool hard)
    {
        var verdict = ReplyClassifier.ClassifyConnectionFailure(failure, code, text);

        Assert.Equal(reason, verdict.Reason);
        Assert.Equal(hard, verdict.Hard);
        Assert.Contains(verdict.Evidence, text);
    }

    [Fact]
    public void EveryRuleHasANameAReasonFromTheVocabularyAndAdvice()
    {
        var vocabulary = typeof(Reasons).GetFields().Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!).ToHashSet();

        var rules = ClassificationRules.All;

        Assert.Equal(rules.Count, rules.Select(r => r.Name).Distinct().Count());
        Assert.All(rules, r =>
        {
            Assert.Contains(r.Reason, vocabulary);
            Assert.False(string.IsNullOrWhiteSpace(r.Advice));
            Assert.True(r.Phrases.Count > 0 || r.Statuses.Count > 0, r.Name);
            Assert.All(r.Phrases, p => Assert.Equal(p.ToLowerInvariant(), p));
        });
    }
}
