using Dashboard.Core.Bounces;
using Dashboard.Core.Classification;

namespace Dashboard.Tests.Classification;

/// <summary>The step of the session a bounce says was refused is read into <see cref="SmtpPhase"/>.</summary>
public sealed class SmtpPhaseTests
{
    [Theory]
    [InlineData("host mx.example.com said: 550 5.1.1 unknown (in reply to RCPT TO command)", SmtpPhase.Rcpt)]
    [InlineData("host mx.example.com said: 550 go away (in reply to MAIL FROM command)", SmtpPhase.Mail)]
    [InlineData("host mx.example.com said: 554 spam (in reply to end of DATA command)", SmtpPhase.EndOfData)]
    [InlineData("host mx.example.com said: 554 no (in reply to DATA command)", SmtpPhase.Data)]
    [InlineData("SMTP error from remote mail server after initial connection: 554 blocked", SmtpPhase.Connect)]
    [InlineData("host mx.example.com refused to talk to me: 554 (in reply to EHLO command)", SmtpPhase.Greeting)]
    public void TheRefusedCommandIsReadAsItsPhase(string text, SmtpPhase phase) =>
        Assert.Equal(phase, SmtpText.FindCommand(text));

    [Fact]
    public void AReplyAtMailFromIsAboutTheSenderAndTheSameWordsAtRcptAboutTheAddress()
    {
        var atMail = ReplyClassifier.Classify(550, null, "550 User unknown", action: null, SmtpPhase.Mail);
        var atRcpt = ReplyClassifier.Classify(550, null, "550 User unknown", action: null, SmtpPhase.Rcpt);

        Assert.Equal("rejected", atMail.Reason);
        Assert.Equal("userunknown", atRcpt.Reason);
    }
}
