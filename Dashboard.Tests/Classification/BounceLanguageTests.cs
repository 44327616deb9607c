using Dashboard.Core.Classification;

namespace Dashboard.Tests.Classification;

/// <summary>
/// Issue 13: the kinds of wording the classifier used to misread, each with replies written for
/// these tests from the description (not copies of corpus files).
/// </summary>
public class BounceLanguageTests
{
    public static TheoryData<int?, string?, string, SmtpPhase, string, bool> Wordings => new()
    {
        // code, status, text, phase (Unknown as in a bounce message that does not say), reason, hard
        // "User unknown" without a sign of the SMTP command: the words say the mailbox does not exist.
        { 550, null, "550 User unknown", SmtpPhase.Unknown, "userunknown", true },
        { null, null, "Unknown user <jane@example.org>", SmtpPhase.Unknown, "userunknown", true },
        { 550, "5.2.1", "550 5.2.1 <jane@example.org>... User Unknown", SmtpPhase.Unknown, "userunknown", true },
        // The guidance's own words: hard on the live path and in a bounce message alike.
        { 554, null, "554 delivery error: dd This user doesn't have a yahoo.com account (jane@yahoo.com) [0]", SmtpPhase.Unknown, "userunknown", true },
        { 554, null, "554 delivery error: dd This user doesn't have a yahoo.com account (jane@yahoo.com) [0]", SmtpPhase.Rcpt, "userunknown", true },
        { null, null, "The email account that you tried to reach does not exist.", SmtpPhase.Unknown, "userunknown", true },
        // Filtered only where the bounce shows the refusal answered the message data.
        { 550, null, "550 Unknown user", SmtpPhase.EndOfData, "filtered", false },
        // Even after the data, words that say the mailbox does not exist are decisive.
        { 554, null, "554 This user doesn't have a yahoo.com account", SmtpPhase.EndOfData, "userunknown", true },

        // Clear words that used to end as "could not decide".
        { 550, null, "550 User jane.doe does not exist here", SmtpPhase.Unknown, "userunknown", true },
        { 550, null, "550 Mailbox for jane no longer exists", SmtpPhase.Unknown, "userunknown", true },
        { 550, null, "550 sorry, no mailbox here by that name", SmtpPhase.Unknown, "userunknown", true },
        { 550, null, "550 That's not a valid user here", SmtpPhase.Unknown, "userunknown", true },
        { 550, null, "550 mailbox jane@example.org deactivated", SmtpPhase.Unknown, "suspend", false },
        { 452, null, "452 The recipient does not have enough space for this message", SmtpPhase.Unknown, "mailboxfull", false },
        { 550, null, "550 Spamming not allowed", SmtpPhase.Unknown, "spamdetected", false },

        // A 5.7.x status breaks ties; it does not outweigh the words.
        { 550, "5.7.1", "550 5.7.1 Relaying refused", SmtpPhase.Unknown, "norelaying", false },
        { 554, "5.7.1", "554 5.7.1 Relay access refused for this sender", SmtpPhase.Unknown, "norelaying", false },
        { 552, "5.7.1", "552 5.7.1 Message size exceeds the limit of this server", SmtpPhase.Unknown, "mesgtoobig", false },
        { 550, "5.7.1", "550 5.7.1 Bulk email from your domain is not accepted", SmtpPhase.Unknown, "spamdetected", false },
        { 550, "5.7.13", "550 5.7.13 Disabled recipient address", SmtpPhase.Unknown, "suspend", false },
        // With no wording that decides, the status still does.
        { 550, "5.7.1", "550 5.7.1 Go away", SmtpPhase.Unknown, "securityerror", false },

        // Spam wording is spam, not policy, filter, mailer error or block.
        { 550, null, "550 Message refused: mass mailer detected", SmtpPhase.Unknown, "spamdetected", false },
        { 554, null, "554 Message rejected: a URL in the body is listed in URIBL", SmtpPhase.Unknown, "spamdetected", false },
        { 550, null, "550 Message filtered: bulk email is not accepted here", SmtpPhase.Unknown, "spamdetected", false },
        { 550, "5.7.1", "550 5.7.1 Rejected by local policy: bulk email", SmtpPhase.Unknown, "spamdetected", false },

        // Older plain-text wording.
        { null, null, "Delivery to the following recipient has been postponed due to a full mailbox", SmtpPhase.Unknown, "mailboxfull", false },
        { null, null, "The recipient name is not recognized", SmtpPhase.Unknown, "userunknown", true },
    };

    [Theory]
    [MemberData(nameof(Wordings))]
    public void WordsDecideTheReason(int? code, string? status, string text, SmtpPhase phase, string reason, bool hard)
    {
        var verdict = ReplyClassifier.Classify(code, status, text, action: "failed", phase);

        Assert.Equal(reason, verdict.Reason);
        Assert.Equal(hard, verdict.Hard);
    }

    [Theory]
    [InlineData("550 Domain example.invalid does not exist", "userunknown")]
    [InlineData("550 Host or domain name not found", "hostunknown")]
    public void NonExistenceOfADomainStaysHard(string text, string reason)
    {
        var verdict = ReplyClassifier.Classify(550, null, text);

        Assert.Equal(reason, verdict.Reason);
        Assert.True(verdict.Hard);
    }

    [Theory]
    [InlineData("550 5.1.0 Sender address does not exist", "rejected")]
    [InlineData("550 5.7.26 <jane@example.org>: Recipient address rejected: Multiple authentication checks failed", "securityerror")]
    [InlineData("550 Recipient address rejected: Access denied", "userunknown")]
    public void ThePrefixOfARefusalDoesNotHideItsCause(string text, string reason)
    {
        var verdict = ReplyClassifier.Classify(550, null, text, action: "failed", SmtpPhase.Unknown);

        Assert.Equal(reason, verdict.Reason);
    }
}
