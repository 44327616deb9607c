using Dashboard.Core.Bounces;
using Dashboard.Core.Data;
using Dashboard.Core.Messages;
using Dashboard.Core.Reporting.Rollups;
using Dashboard.Core.Retention;
using Dashboard.Core.Suppressions;
using Dashboard.Tests.Reporting;
using Dashboard.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Tests.Retention;

/// <summary>Issue 16, retention: what is past its age goes, in batches; messages, rollups and suppressions stay.</summary>
public sealed class RetentionServiceTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly TestDatabase _database = new();
    private readonly FakeTimeProvider _clock = new(Now);

    private RetentionService Service(RetentionOptions options) =>
        new(_database.Factory, new PipelineWriteGate(), new StaticOptions(options), _clock);

    [Fact]
    public async Task ContentEventsAndUnmatchedMailPastTheirAgeGoInBatchesAndReportsStayRight()
    {
        // 7 old delivered messages sharing one body, 1 old one still queued, 2 recent ones with their own body.
        var oldBody = new MessageContent { Mime = "Subject: old\r\n\r\nold body"u8.ToArray() };
        var newBody = new MessageContent { Mime = "Subject: new\r\n\r\nnew body"u8.ToArray() };
        await using (var db = _database.CreateContext())
        {
            var old = Enumerable.Range(0, 7).Select(_ => WithContent(MessageRows.New(Now.AddDays(-100), MessageStatus.Delivered), oldBody)).ToList();
            var queued = WithContent(MessageRows.New(Now.AddDays(-100), MessageStatus.Queued), oldBody);
            var recent = Enumerable.Range(0, 2).Select(_ => WithContent(MessageRows.New(Now.AddDays(-5), MessageStatus.HardBounced), newBody)).ToList();
            db.Messages.AddRange([.. old, queued, .. recent]);
            await db.SaveChangesAsync();
            db.MessageEvents.AddRange(old.Select(m => new MessageEvent { MessageId = m.Id, OccurredAt = Now.AddDays(-500), Type = MessageEventType.Queued }));
            db.MessageEvents.AddRange(recent.Select(m => new MessageEvent { MessageId = m.Id, OccurredAt = Now.AddDays(-5), Type = MessageEventType.HardBounce }));
            db.UnmatchedBounces.AddRange(
                new UnmatchedBounce { ReceivedAt = Now.AddDays(-31), Why = "old", Raw = [1] },
                new UnmatchedBounce { ReceivedAt = Now.AddDays(-29), Why = "recent", Raw = [2] });
            db.Suppressions.Add(new Suppression { Value = "gone@example.net", Scope = SuppressionScope.Address, Reason = SuppressionReason.HardBounce, CreatedAt = Now.AddDays(-600) });
            await db.SaveChangesAsync();
        }
        var rollupsBefore = await RollupsAsync();

        var result = await Service(new RetentionOptions { ContentDays = 90, UnmatchedDays = 30, EventDays = 400, BatchSize = 3 }).PruneAsync();

        Assert.Equal(new RetentionResult(MessagesWithoutContent: 7, ContentsDeleted: 0, UnmatchedDeleted: 1, EventsDeleted: 7), result);
        await using (var db = _database.CreateContext())
        {
            Assert.Equal(10, await db.Messages.CountAsync());
            // The queued one still needs the shared body, so the body stays; the recent ones keep theirs.
            Assert.Equal(8 - 7, await db.Messages.CountAsync(m => m.CreatedAt < Now.AddDays(-90) && m.ContentId != null));
            Assert.Equal(2, await db.Messages.CountAsync(m => m.CreatedAt > Now.AddDays(-90) && m.ContentId != null));
            Assert.Equal(2, await db.MessageContents.CountAsync());
            Assert.Equal(["recent"], await db.UnmatchedBounces.Select(u => u.Why).ToListAsync());
            Assert.Equal(2, await db.MessageEvents.CountAsync());
            Assert.Equal(1, await db.Suppressions.CountAsync());
        }
        Assert.Equal(rollupsBefore, await RollupsAsync());

        // Once the queued message is sent, the next run frees the body nobody needs any more.
        await using (var db = _database.CreateContext())
        {
            var queued = await db.Messages.SingleAsync(m => m.Status == MessageStatus.Queued);
            queued.Stored(MessageStatus.Delivered);
            await db.SaveChangesAsync();
        }
        var second = await Service(new RetentionOptions { ContentDays = 90, BatchSize = 3 }).PruneAsync();
        Assert.Equal(1, second.MessagesWithoutContent);
        Assert.Equal(1, second.ContentsDeleted);
    }

    [Fact]
    public async Task ZeroKeepsAKindForever()
    {
        await using (var db = _database.CreateContext())
        {
            db.UnmatchedBounces.Add(new UnmatchedBounce { ReceivedAt = Now.AddDays(-3000), Why = "ancient", Raw = [1] });
            var message = WithContent(MessageRows.New(Now.AddDays(-3000), MessageStatus.Delivered), new MessageContent { Mime = [1, 2, 3] });
            db.Messages.Add(message);
            await db.SaveChangesAsync();
        }

        var result = await Service(new RetentionOptions { ContentDays = 0, UnmatchedDays = 0, EventDays = 0 }).PruneAsync();

        Assert.False(result.Removed);
        await using var check = _database.CreateContext();
        Assert.Equal(1, await check.UnmatchedBounces.CountAsync());
        Assert.Equal(1, await check.MessageContents.CountAsync());
    }

    private static Message WithContent(Message message, MessageContent content)
    {
        message.Content = content;
        message.Headers = "To: someone@example.net\r\n"u8.ToArray();
        return message;
    }

    private async Task<List<string>> RollupsAsync()
    {
        await using var db = _database.CreateContext();
        await RollupFolder.FoldAsync(db);
        var rows = await db.DeliveryRollups.AsNoTracking().ToListAsync();
        return [.. rows.Select(r => $"{r.Period} {r.BucketStart:O} {r.Processed} {r.Delivered} {r.HardBounces}").Order()];
    }

    public void Dispose() => _database.Dispose();

    private sealed class StaticOptions(RetentionOptions value) : IOptionsMonitor<RetentionOptions>
    {
        public RetentionOptions CurrentValue => value;
        public RetentionOptions Get(string? name) => value;
        public IDisposable? OnChange(Action<RetentionOptions, string?> listener) => null;
    }
}
