using System.Text;
using Dashboard.Core.Activity;
using Dashboard.Core.Messages;
using Dashboard.Core.Sending;
using Dashboard.Core.Users;
using Dashboard.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using MimeKit;

namespace Dashboard.Tests.Sending;

/// <summary>Issue 9 §2 and §7: every recipient gets (and we store) their own message; Sending means the envelope went out.</summary>
public sealed class PerRecipientMessageTests : IAsyncLifetime
{
    private static readonly Actor Alice = new("alice", new HashSet<string> { Roles.Marketer });
    private static readonly string[] Recipients = ["ann@example.com", "bob@example.org", "cat@example.net"];

    private readonly LoopbackSmtpServer _server = new();
    private PipelineHarness _pipeline = null!;

    public Task InitializeAsync()
    {
        _pipeline = new PipelineHarness(PipelineHarness.Smarthost(_server.Port), signedReturnPath: true);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _pipeline.DisposeAsync();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task EachRecipientReceivesAMessageNamingOnlyThemWithItsOwnMessageIdAndThatIsWhatIsStored()
    {
        var request = new SendRequest("news@shop.example", Recipients, "March offers", "Hello there.", "<p>Hello <b>there</b>.</p>");

        var result = await _pipeline.Send.SendAsync(request, Alice);

        Assert.All(result.Recipients, r => Assert.Equal(MessageStatus.Delivered, r.Status));
        Assert.Equal(3, _server.Received.Count);
        var queries = new ActivityQueryService(_pipeline.Database.Factory, _pipeline.Clock);
        await using var db = _pipeline.Database.CreateContext();
        var messageIds = new HashSet<string>();
        foreach (var (to, raw, _) in _server.Received)
        {
            var recipient = Assert.Single(to);
            var delivered = MimeMessage.Load(new MemoryStream(raw));
            Assert.Equal([recipient], delivered.To.Mailboxes.Select(m => m.Address));
            var text = Encoding.UTF8.GetString(raw);
            Assert.All(Recipients.Where(r => r != recipient), other => Assert.DoesNotContain(other, text, StringComparison.OrdinalIgnoreCase));
            Assert.True(messageIds.Add(delivered.MessageId!), "each recipient's Message-ID is its own");

            var row = await db.Messages.SingleAsync(m => m.Recipient == recipient);
            Assert.Equal(delivered.MessageId, row.MessageIdHeader);
            var stored = await queries.GetMimeAsync(row.PublicId);
            // The server hands over the data without the line break that starts the final "\r\n.\r\n".
            Assert.Equal((byte[])[.. raw, .. "\r\n"u8], stored);
            Assert.Equal(stored!.Length, row.SizeBytes);
        }
        // The body is kept once for the submission; each row keeps only its own headers.
        Assert.Equal(1, await db.MessageContents.CountAsync());
    }

    [Fact]
    public async Task OnlyMessagesWhoseEnvelopeWentOutAreSendingAndTheRestAreSentAfterARestart()
    {
        await using var pipeline = new PipelineHarness(PipelineHarness.Smarthost(_server.Port), o => o.Concurrency = 1, signedReturnPath: true);
        var serverHolds = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _server.OnRecipient = _ =>
        {
            serverHolds.TrySetResult();
            release.Task.Wait(TimeSpan.FromSeconds(20));
            return null;
        };
        using var crash = new CancellationTokenSource();

        var sending = pipeline.Send.SendAsync(new SendRequest("news@shop.example", Recipients, "Hi", "Hello", null), Alice, crash.Token);
        await serverHolds.Task.WaitAsync(TimeSpan.FromSeconds(20));
        Dictionary<MessageStatus, int> midway;
        await using (var db = pipeline.Database.CreateContext())
        {
            midway = await db.Messages.GroupBy(m => m.Status).ToDictionaryAsync(g => g.Key, g => g.Count());
        }
        await crash.CancelAsync();
        release.SetResult();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sending);
        _server.OnRecipient = _ => null;
        var recovery = pipeline.NewRecovery();
        var queued = await recovery.RecoverAsync(CancellationToken.None);
        await pipeline.Send.SendQueuedAsync(queued, CancellationToken.None);

        Assert.Equal(new Dictionary<MessageStatus, int> { [MessageStatus.Sending] = 1, [MessageStatus.Queued] = 2 }, midway);
        Assert.Equal(2, queued.Count);
        await using var after = pipeline.Database.CreateContext();
        var statuses = await after.Messages.GroupBy(m => m.Status).ToDictionaryAsync(g => g.Key, g => g.Count());
        Assert.Equal(new Dictionary<MessageStatus, int> { [MessageStatus.Interrupted] = 1, [MessageStatus.Delivered] = 2 }, statuses);
    }
}
