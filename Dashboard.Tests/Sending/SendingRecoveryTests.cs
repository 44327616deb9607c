using Dashboard.Tests.Support;
using Dashboard.Core.Messages;
using Dashboard.Core.Sending;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using MimeKit;

namespace Dashboard.Tests.Sending;

public sealed class SendingRecoveryTests : IAsyncLifetime
{
    private readonly LoopbackSmtpServer _server = new();
    private PipelineHarness _pipeline = null!;

    public Task InitializeAsync()
    {
        _pipeline = new PipelineHarness(PipelineHarness.Smarthost(_server.Port));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _pipeline.DisposeAsync();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task AMessageCaughtMidSendBecomesInterruptedAndIsNeverResent()
    {
        await SeedAsync("midsend@example.com", MessageStatus.Sending);
        await SeedAsync("waiting@example.com", MessageStatus.Queued);
        var recovery = _pipeline.NewRecovery();

        var queued = await recovery.RecoverAsync(CancellationToken.None);
        await _pipeline.Send.SendQueuedAsync(queued, CancellationToken.None);

        await using var db = _pipeline.Database.CreateContext();
        var interrupted = await db.Messages.Include(m => m.Events).SingleAsync(m => m.Recipient == "midsend@example.com");
        Assert.Equal(MessageStatus.Interrupted, interrupted.Status);
        var evt = Assert.Single(interrupted.Events, e => e.Type == MessageEventType.Interrupted);
        Assert.Contains("not sent again", evt.Detail);
        Assert.DoesNotContain("midsend@example.com", _server.RecipientsSeen);
        var sent = await db.Messages.SingleAsync(m => m.Recipient == "waiting@example.com");
        Assert.Equal(MessageStatus.Delivered, sent.Status);
        Assert.Equal(["waiting@example.com"], _server.RecipientsSeen);
    }

    [Fact]
    public async Task RecoveringTwiceSendsAQueuedMessageOnlyOnce()
    {
        await SeedAsync("waiting@example.com", MessageStatus.Queued);
        var recovery = _pipeline.NewRecovery();

        var queued = await recovery.RecoverAsync(CancellationToken.None);
        await Task.WhenAll(_pipeline.Send.SendQueuedAsync(queued, CancellationToken.None), _pipeline.Send.SendQueuedAsync(queued, CancellationToken.None));

        Assert.Single(_server.RecipientsSeen);
    }

    private async Task SeedAsync(string recipient, MessageStatus status)
    {
        var mime = new MimeMessage();
        mime.From.Add(MailboxAddress.Parse("news@shop.example"));
        mime.To.Add(MailboxAddress.Parse(recipient));
        mime.Subject = "Before the crash";
        mime.Body = new TextPart("plain") { Text = "Hello" };
        using var bytes = new MemoryStream();
        await mime.WriteToAsync(bytes);
        await using var db = _pipeline.Database.CreateContext();
        db.Messages.Add(new Message
        {
            PublicId = Guid.NewGuid().ToString("N")[..20],
            SubmissionId = Guid.NewGuid().ToString("N")[..20],
            Sender = "news@shop.example",
            Recipient = recipient,
            RecipientDomain = "example.com",
            Subject = mime.Subject,
            CreatedAt = _pipeline.Clock.GetUtcNow(),
            Content = new MessageContent { Mime = bytes.ToArray() },
            Events = [new MessageEvent { Type = MessageEventType.Queued, OccurredAt = _pipeline.Clock.GetUtcNow() }],
        }.Stored(status));
        await db.SaveChangesAsync();
    }
}
