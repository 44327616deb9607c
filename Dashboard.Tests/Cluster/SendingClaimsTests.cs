using System.Diagnostics;
using Dashboard.Core.Messages;
using Dashboard.Core.Sending;
using Dashboard.Tests.Support;
using Microsoft.EntityFrameworkCore;
using MimeKit;

namespace Dashboard.Tests.Cluster;

/// <summary>
/// Two instances on one database (two pipelines, each with its own write gate, instance id, lease
/// and connections), sending to one real SMTP server: each message is sent once, a stopped
/// instance's claims are settled and a live one's are left alone.
/// </summary>
public sealed class SendingClaimsTests : IAsyncLifetime
{
    private static readonly TimeSpan PastTheLease = TimeSpan.FromSeconds(new SendingOptions().LeaseSeconds + 1);

    private readonly LoopbackSmtpServer _server = new();
    private readonly TestDatabase _database = new(separateConnections: true);
    private PipelineHarness _first = null!;
    private PipelineHarness _second = null!;

    public Task InitializeAsync()
    {
        _first = new PipelineHarness(PipelineHarness.Smarthost(_server.Port), database: _database);
        _second = new PipelineHarness(PipelineHarness.Smarthost(_server.Port), database: _database);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _first.DisposeAsync();
        await _second.DisposeAsync();
        _database.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task TwoInstancesSendingTheSameQueuedMessagesSendEachOnce()
    {
        var ids = await SeedAsync("race", 40, owner: null);

        await Task.WhenAll(_first.Send.SendQueuedAsync(ids, CancellationToken.None), _second.Send.SendQueuedAsync(ids, CancellationToken.None));

        Assert.Equal(40, _server.RecipientsSeen.Count);
        Assert.Equal(40, _server.RecipientsSeen.Distinct().Count());
        await using var db = _database.CreateContext();
        var rows = await db.Messages.AsNoTracking().Where(m => ids.Contains(m.Id)).ToListAsync();
        Assert.All(rows, m => Assert.Equal(MessageStatus.Delivered, m.Status));
        Assert.All(rows, m => Assert.Contains(m.ClaimedBy, new[] { _first.Instance.Id, _second.Instance.Id }));
    }

    [Fact]
    public async Task TwoInstancesSettlingAStoppedInstancesClaimsSendEachQueuedMessageOnce()
    {
        var stopped = await StoppedInstanceAsync();
        var queued = await SeedAsync("orphan", 30, stopped.Id);
        var sending = await SeedAsync("midsend", 3, stopped.Id, MessageStatus.Sending);
        await HoldLeasesAfterAsync(PastTheLease);

        await Task.WhenAll(RecoverAndSendAsync(_first), RecoverAndSendAsync(_second));
        // Each may have lost a race for some rows; a later look finds nothing left and forgets the lease.
        var left = await _first.NewRecovery().RecoverAsync(CancellationToken.None);

        Assert.Empty(left);
        Assert.Equal(30, _server.RecipientsSeen.Count);
        Assert.Equal(30, _server.RecipientsSeen.Distinct().Count());
        Assert.All(_server.RecipientsSeen, r => Assert.StartsWith("orphan", r));
        await using var db = _database.CreateContext();
        Assert.All(await StatusesAsync(db, queued), s => Assert.Equal(MessageStatus.Delivered, s));
        Assert.All(await StatusesAsync(db, sending), s => Assert.Equal(MessageStatus.Interrupted, s));
        Assert.False(await db.SendingLeases.AnyAsync(l => l.Id == stopped.Id));
    }

    [Fact]
    public async Task AStoppedInstancesClaimsAreSettledAndALiveInstancesAreLeftAlone()
    {
        var stopped = await StoppedInstanceAsync();
        var orphaned = await SeedAsync("orphan", 5, stopped.Id);
        var interrupted = await SeedAsync("midsend", 2, stopped.Id, MessageStatus.Sending);
        await HoldLeasesAfterAsync(PastTheLease);
        var othersQueue = await SeedAsync("live-queued", 5, _second.Instance.Id);
        var othersInFlight = await SeedAsync("live-sending", 2, _second.Instance.Id, MessageStatus.Sending);

        var taken = await _first.NewRecovery().RecoverAsync(CancellationToken.None);
        await _first.Send.SendQueuedAsync(taken, CancellationToken.None);

        Assert.Equal(orphaned.Order(), taken.Order());
        Assert.Equal(5, _server.RecipientsSeen.Count);
        Assert.All(_server.RecipientsSeen, r => Assert.StartsWith("orphan", r));
        await using var db = _database.CreateContext();
        Assert.All(await StatusesAsync(db, orphaned), s => Assert.Equal(MessageStatus.Delivered, s));
        Assert.All(await StatusesAsync(db, interrupted), s => Assert.Equal(MessageStatus.Interrupted, s));
        Assert.All(await StatusesAsync(db, othersQueue), s => Assert.Equal(MessageStatus.Queued, s));
        Assert.All(await StatusesAsync(db, othersInFlight), s => Assert.Equal(MessageStatus.Sending, s));
        Assert.Equal(7, await db.Messages.CountAsync(m => m.ClaimedBy == _second.Instance.Id));
    }

    [Fact]
    public async Task RowsInHandFromTheirStoreAreSentUnlessAnotherInstanceTookThemMeanwhile()
    {
        var rows = await SeedRowsAsync("stored", 4, _first.Instance.Id);
        // Between the store and the claims, the second instance takes two of them (as a recovery would).
        var taken = rows.Take(2).Select(m => m.Id).ToList();
        await using (var db = _database.CreateContext())
        {
            await db.Messages.Where(m => taken.Contains(m.Id)).ExecuteUpdateAsync(u => u.SetProperty(m => m.ClaimedBy, _second.Instance.Id));
        }

        await _first.Send.SendStoredAsync(rows, CancellationToken.None);

        Assert.Equal(["stored2@example.com", "stored3@example.com"], _server.RecipientsSeen.Order());
        await using var check = _database.CreateContext();
        var after = await check.Messages.AsNoTracking().Where(m => rows.Select(r => r.Id).Contains(m.Id)).OrderBy(m => m.Id).ToListAsync();
        Assert.Equal([MessageStatus.Queued, MessageStatus.Queued, MessageStatus.Delivered, MessageStatus.Delivered], after.Select(m => m.Status));
        Assert.Equal([_second.Instance.Id, _second.Instance.Id, _first.Instance.Id, _first.Instance.Id], after.Select(m => m.ClaimedBy));
        Assert.Equal([1, 1, 3, 3], after.Select(m => check.MessageEvents.Count(e => e.MessageId == m.Id)));
    }

    [Fact]
    public async Task ARowInHandThatAFailedRoundChangedIsReadAgainAndSentOnce()
    {
        var rows = await SeedRowsAsync("retried", 2, _first.Instance.Id);
        // As a claim in a round that then failed: changed in hand, never saved.
        rows[0].StartSending("smarthost", _first.Clock.GetUtcNow(), _first.Instance.Id);

        await _first.Send.SendStoredAsync(rows, CancellationToken.None);

        Assert.Equal(["retried0@example.com", "retried1@example.com"], _server.RecipientsSeen.Order());
        await using var check = _database.CreateContext();
        Assert.All(await StatusesAsync(check, [.. rows.Select(r => r.Id)]), s => Assert.Equal(MessageStatus.Delivered, s));
        foreach (var id in rows.Select(r => r.Id))
        {
            Assert.Equal([MessageEventType.Queued, MessageEventType.Sending, MessageEventType.Delivered], await EventTypesAsync(check, id));
        }
    }

    [Fact]
    public async Task AnAnswerForARowInHandThatAnotherInstanceSettledMeanwhileChangesNothing()
    {
        var rows = await SeedRowsAsync("settled", 1, _first.Instance.Id);
        var id = rows[0].Id;
        // While the server takes the message, another instance settles the row (as a recovery would).
        _server.OnData = _ =>
        {
            using var db = _database.CreateContext();
            db.Messages.Where(m => m.Id == id).ExecuteUpdate(u => u.SetProperty(m => m.Status, MessageStatus.Interrupted));
            return null;
        };

        await _first.Send.SendStoredAsync(rows, CancellationToken.None);

        Assert.Equal(["settled0@example.com"], _server.RecipientsSeen);
        await using var check = _database.CreateContext();
        Assert.Equal([MessageStatus.Interrupted], await StatusesAsync(check, [id]));
        Assert.Equal([MessageEventType.Queued, MessageEventType.Sending], await EventTypesAsync(check, id));
    }

    [Fact]
    public async Task ALiveInstanceWithAFreshLeaseIsNotStopped()
    {
        await _second.Leases.HoldAsync(CancellationToken.None);
        var queue = await SeedAsync("live", 3, _second.Instance.Id);

        var taken = await _first.NewRecovery().RecoverAsync(CancellationToken.None);

        Assert.Empty(taken);
        Assert.Empty(await _first.Leases.FindStoppedAsync(CancellationToken.None));
        await using var db = _database.CreateContext();
        Assert.All(await StatusesAsync(db, queue), s => Assert.Equal(MessageStatus.Queued, s));
    }

    [Fact]
    public async Task AnInstanceWhoseProcessIsGoneFromThisMachineHasStoppedBeforeItsLeaseLapses()
    {
        using var gone = Process.Start(new ProcessStartInfo("true"))!;
        await gone.WaitForExitAsync();
        var now = _first.Clock.GetUtcNow();
        var instance = _first.Instance;
        SendingLease Lease(int processId, DateTimeOffset startedAt, TimeSpan left) => new()
        {
            Id = "other",
            Host = instance.Host,
            ProcessId = processId,
            ProcessStartedAt = startedAt,
            LeaseUntil = now + left,
        };
        var minute = TimeSpan.FromMinutes(1);

        Assert.True(instance.HasStopped(Lease(gone.Id, now, minute), now));
        Assert.True(instance.HasStopped(Lease(instance.ProcessId, instance.ProcessStartedAt.AddMinutes(-5), minute), now));
        Assert.False(instance.HasStopped(Lease(instance.ProcessId, instance.ProcessStartedAt, minute), now));
        Assert.True(instance.HasStopped(Lease(instance.ProcessId, instance.ProcessStartedAt, -minute), now));
    }

    // An instance on another pipeline that took its lease and then stopped renewing it.
    private async Task<SendingInstance> StoppedInstanceAsync()
    {
        await using var stopped = new PipelineHarness(PipelineHarness.Smarthost(_server.Port), database: _database);
        await stopped.Leases.HoldAsync(CancellationToken.None);
        return stopped.Instance;
    }

    // Both live instances' clocks move on by `after`, and each renews its lease then.
    private async Task HoldLeasesAfterAsync(TimeSpan after)
    {
        foreach (var instance in new[] { _first, _second })
        {
            instance.Clock.Advance(after);
            await instance.Leases.HoldAsync(CancellationToken.None);
        }
    }

    private static async Task RecoverAndSendAsync(PipelineHarness instance)
    {
        var taken = await instance.NewRecovery().RecoverAsync(CancellationToken.None);
        await instance.Send.SendQueuedAsync(taken, CancellationToken.None);
    }

    private static async Task<List<MessageStatus>> StatusesAsync(Dashboard.Core.Data.DashboardDbContext db, IReadOnlyList<long> ids) =>
        await db.Messages.AsNoTracking().Where(m => ids.Contains(m.Id)).Select(m => m.Status).ToListAsync();

    private static async Task<List<MessageEventType>> EventTypesAsync(Dashboard.Core.Data.DashboardDbContext db, long id) =>
        await db.MessageEvents.Where(e => e.MessageId == id).OrderBy(e => e.Id).Select(e => e.Type).ToListAsync();

    // `count` messages claimed by `owner` (null: nobody), Queued or (handed over by the owner) Sending.
    private async Task<List<long>> SeedAsync(string prefix, int count, string? owner, MessageStatus status = MessageStatus.Queued) =>
        [.. (await SeedRowsAsync(prefix, count, owner, status)).Select(m => m.Id)];

    // The rows as they were saved, as a store hands them to the senders.
    private async Task<List<Message>> SeedRowsAsync(string prefix, int count, string? owner, MessageStatus status = MessageStatus.Queued)
    {
        var mime = new MimeMessage();
        mime.From.Add(MailboxAddress.Parse("news@shop.example"));
        mime.To.Add(MailboxAddress.Parse("someone@example.com"));
        mime.Subject = "Claims";
        mime.Body = new TextPart("plain") { Text = "Hello" };
        using var bytes = new MemoryStream();
        await mime.WriteToAsync(bytes);
        var content = new MessageContent { Mime = bytes.ToArray() };
        var now = _first.Clock.GetUtcNow();
        var messages = Enumerable.Range(0, count).Select(i =>
        {
            var message = new Message
            {
                PublicId = Guid.NewGuid().ToString("N")[..20],
                SubmissionId = Guid.NewGuid().ToString("N")[..20],
                Sender = "news@shop.example",
                Recipient = $"{prefix}{i}@example.com",
                RecipientDomain = "example.com",
                Subject = mime.Subject,
                CreatedAt = now,
                Content = content,
            };
            message.Queue("ada", "Submitted", now, owner);
            if (status == MessageStatus.Sending)
            {
                message.StartSending("smarthost", now, owner);
            }
            return message;
        }).ToList();
        await using var db = _database.CreateContext();
        db.Messages.AddRange(messages);
        await db.SaveChangesAsync();
        return messages;
    }
}
