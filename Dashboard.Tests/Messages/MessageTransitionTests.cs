using Dashboard.Core.Bounces;
using Dashboard.Core.Classification;
using Dashboard.Core.Messages;
using Dashboard.Core.Sending;

namespace Dashboard.Tests.Messages;

/// <summary>A message's state changes only along its allowed transitions, each adding its timeline event.</summary>
public sealed class MessageTransitionTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
    private static readonly RecipientReply Accepted = new("bob@example.com", 250, "2.0.0", "2.0.0 OK", "mx.example.com:25");
    private static readonly Verdict Delivered = ReplyClassifier.Classify(250, "2.0.0", "2.0.0 OK");

    private static Message NewMessage()
    {
        var message = new Message
        {
            PublicId = "p1", SubmissionId = "s1", Sender = "news@shop.example", Recipient = "bob@example.com", RecipientDomain = "example.com",
        };
        message.Queue("alice", "Submitted by alice (Ui)", Now);
        return message;
    }

    [Fact]
    public void AMessageGoesFromQueuedThroughSendingToItsAnswerWithOneEventEach()
    {
        var message = NewMessage();

        message.StartSending("smarthost", Now);
        var evt = message.RecordReply(Accepted, Delivered, viaRelay: true, Now.AddSeconds(1));

        Assert.Equal(MessageStatus.Delivered, message.Status);
        Assert.True(message.DeliveredByRelay);
        Assert.Equal("250 2.0.0 OK", message.LastResponse);
        Assert.Equal(Now.AddSeconds(1), message.UpdatedAt);
        Assert.Equal([MessageEventType.Queued, MessageEventType.Sending, MessageEventType.Delivered], message.Events.Select(e => e.Type));
        Assert.Same(evt, message.Events[^1]);
    }

    [Fact]
    public void AnAnswerForAMessageThatWasNotHandedToAServerIsRefused()
    {
        var message = NewMessage();

        var error = Assert.Throws<InvalidOperationException>(() => message.RecordReply(Accepted, Delivered, false, Now));

        Assert.Contains("Queued", error.Message);
        Assert.Equal(MessageStatus.Queued, message.Status);
        Assert.Single(message.Events);
    }

    [Fact]
    public void ARejectedMessageCanNeitherBeSentNorTakeAReport()
    {
        var message = NewMessage();
        message.Reject(7, "bob@example.com is suppressed", "Do not mail them again.", Now);
        var report = new BounceReport(BounceKind.Bounce, "bob@example.com", "failed", "5.1.1", 550, "550 5.1.1 unknown", null,
            "userunknown", true, "test", "Remove it.", OriginalMessage.None);

        Assert.Throws<InvalidOperationException>(() => message.StartSending("smarthost", Now));
        Assert.Throws<InvalidOperationException>(() => message.RecordReport(report, "test", Now));
        Assert.Throws<InvalidOperationException>(() => message.Interrupt("crash", Now));
        Assert.Equal(MessageStatus.Rejected, message.Status);
        Assert.Equal("suppressed", message.Reason);
        Assert.False(message.WasSent);
    }

    [Fact]
    public void OnlyAQueuedMessageIsTakenOverAndItsSenderHoldsItFromThenOn()
    {
        var message = NewMessage();

        message.TakeOver("instance-b");
        var takenOver = message.ClaimedBy;
        message.StartSending("smarthost", Now, "instance-b");

        Assert.Equal("instance-b", takenOver);
        Assert.Equal("instance-b", message.ClaimedBy);
        Assert.Throws<InvalidOperationException>(() => message.TakeOver("instance-c"));
        Assert.Equal([MessageEventType.Queued, MessageEventType.Sending], message.Events.Select(e => e.Type));
    }

    [Fact]
    public void ADeliveredMessageCannotBeInterruptedOrQueuedAgain()
    {
        var message = NewMessage();
        message.StartSending("smarthost", Now);
        message.RecordReply(Accepted, Delivered, false, Now);

        Assert.Throws<InvalidOperationException>(() => message.Interrupt("crash", Now));
        Assert.Throws<InvalidOperationException>(() => message.Queue("alice", "again", Now));
        Assert.Equal(MessageStatus.Delivered, message.Status);
    }

    [Fact]
    public void AHardBounceReportAfterADeliveryToTheRecipientsServerIsABounceAfterDeliveryAndTheMessageStaysDelivered()
    {
        var message = NewMessage();
        message.StartSending("sandbox", Now);
        message.RecordReply(Accepted, Delivered, viaRelay: false, Now);
        var report = new BounceReport(BounceKind.Bounce, "bob@example.com", "failed", "5.1.1", 550, "550 5.1.1 unknown", null,
            "userunknown", true, "test", "Remove it.", OriginalMessage.None);

        var evt = message.RecordReport(report, "Report from x", Now.AddMinutes(5));

        Assert.Equal(MessageEventType.BouncedAfterDelivery, evt.Type);
        Assert.Equal(MessageStatus.Delivered, message.Status);
        Assert.True(message.BouncedAfterDelivery);
    }
}
