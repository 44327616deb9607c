using Dashboard.Core.Classification;
using Dashboard.Core.Messages;
using Dashboard.Core.Reporting.Rollups;
using Dashboard.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Tests.Reporting;

/// <summary>
/// The triggers journal what a message counts as (<see cref="RollupChange"/>); <see cref="RollupFolder"/>
/// adds the journal to the rollups. What the fold leaves must be what a rebuild from the messages
/// gives, also while messages change under it.
/// </summary>
public sealed class RollupJournalTests : IDisposable
{
    private static readonly DateTimeOffset At = new(2026, 11, 27, 9, 15, 0, TimeSpan.Zero);

    private readonly TestDatabase _database = new(separateConnections: true);

    [Fact]
    public async Task OnlyChangesThatMoveACountAreJournalledAndAFoldEmptiesTheJournal()
    {
        await _database.AddAsync(At, MessageStatus.Queued, 1, tags: "welcome");
        Assert.Equal(1, await JournalAsync());

        await SetAsync(MessageStatus.Sending);
        Assert.Equal(1, await JournalAsync()); // Queued → Sending: both count only as processed
        await SetAsync(MessageStatus.HardBounced, Reasons.UserUnknown);
        Assert.Equal(3, await JournalAsync()); // the old row out, the new one in
        await SetAsync(MessageStatus.HardBounced, Reasons.UserUnknown);
        Assert.Equal(3, await JournalAsync()); // nothing changed

        await using (var db = _database.CreateContext())
        {
            await RollupFolder.FoldAsync(db);
        }
        Assert.Equal(0, await JournalAsync());
        var all = await AnyKeyAsync(RollupPeriod.Day);
        Assert.Equal((1, 1), (all.Processed, all.HardBounces));

        await using (var db = _database.CreateContext())
        {
            await db.Messages.ExecuteDeleteAsync();
            await RollupFolder.FoldAsync(db);
        }
        all = await AnyKeyAsync(RollupPeriod.Day);
        Assert.Equal((0, 0), (all.Processed, all.HardBounces));
    }

    [Fact]
    public async Task FoldsRunningWhileMessagesChangeLeaveWhatARebuildGives()
    {
        string[] domains = ["gmail.com", "yahoo.com", "example.net"];
        MessageStatus[] ends = [MessageStatus.Delivered, MessageStatus.SoftBounced, MessageStatus.HardBounced, MessageStatus.Complained];
        for (var i = 0; i < 3; i++)
        {
            await _database.AddAsync(At.AddHours(i * 30), MessageStatus.Queued, 40, domain: domains[i], tags: i == 1 ? "news,q4" : null);
        }
        List<long> ids;
        await using (var db = _database.CreateContext())
        {
            ids = await db.Messages.Select(m => m.Id).OrderBy(id => id).ToListAsync();
        }

        using var done = new CancellationTokenSource();
        var writers = Enumerable.Range(0, 3).Select(w => Task.Run(async () =>
        {
            foreach (var id in ids.Where(id => id % 3 == w))
            {
                await using var db = _database.CreateContext();
                var message = await db.Messages.SingleAsync(m => m.Id == id);
                message.Stored(MessageStatus.Sending);
                await db.SaveChangesAsync();
                var end = ends[(int)(id % ends.Length)];
                message.Stored(end, reason: end == MessageStatus.Delivered ? null : end == MessageStatus.SoftBounced ? Reasons.Blocked : Reasons.UserUnknown);
                await db.SaveChangesAsync();
            }
        })).ToList();
        var folders = Enumerable.Range(0, 2).Select(_ => Task.Run(async () =>
        {
            while (!done.IsCancellationRequested)
            {
                await using var db = _database.CreateContext();
                await RollupFolder.FoldAsync(db);
            }
        })).ToList();
        await Task.WhenAll(writers);
        await done.CancelAsync();
        await Task.WhenAll(folders);

        var folded = await SnapshotAsync();
        await using (var db = _database.CreateContext())
        {
            await db.Database.ExecuteSqlRawAsync(RollupSql.Rebuild(_database.Provider));
        }
        var rebuilt = await SnapshotAsync();
        Assert.Equal(rebuilt, folded);
        Assert.Contains(folded, row => row.StartsWith("1 ", StringComparison.Ordinal) && row.Contains(" q4 * * 40 ", StringComparison.Ordinal));
    }

    private async Task SetAsync(MessageStatus status, string? reason = null)
    {
        await using var db = _database.CreateContext();
        var message = await db.Messages.SingleAsync();
        message.Stored(status, reason: reason);
        await db.SaveChangesAsync();
    }

    private async Task<int> JournalAsync()
    {
        await using var db = _database.CreateContext();
        return await db.RollupChanges.CountAsync();
    }

    private async Task<DeliveryRollup> AnyKeyAsync(RollupPeriod period)
    {
        await using var db = _database.CreateContext();
        return await db.DeliveryRollups.AsNoTracking().SingleAsync(r => r.Period == period && r.Tag == DeliveryRollup.All
            && r.Sender == DeliveryRollup.All && r.Provider == DeliveryRollup.All);
    }

    private async Task<List<string>> SnapshotAsync()
    {
        await using var db = _database.CreateContext();
        await RollupFolder.FoldAsync(db);
        var rollups = await db.DeliveryRollups.AsNoTracking().Where(r => r.Processed != 0).ToListAsync();
        var reasons = await db.BounceReasonRollups.AsNoTracking().Where(r => r.Count != 0).ToListAsync();
        return [.. rollups.Select(r => $"{(int)r.Period} {r.BucketStart:O} {r.Tag} {r.Sender} {r.Provider} {r.Processed} {r.Delivered} {r.SoftBounces} {r.HardBounces} {r.Rejected} {r.Complaints} {r.SenderSideSoftBounces}")
                .Concat(reasons.Select(r => $"{(int)r.Period} {r.BucketStart:O} {r.Tag} {r.Sender} {r.Provider} {r.Reason} {r.IsHard} {r.Count}"))
                .Order()];
    }

    public void Dispose() => _database.Dispose();
}
