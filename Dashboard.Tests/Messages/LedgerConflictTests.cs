using Dashboard.Core.Messages;
using Dashboard.Tests.Reporting;
using Dashboard.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Tests.Messages;

/// <summary>
/// Two instances changing one message at once: the save that comes second finds the row changed
/// since its read. <see cref="MessageLedger.WriteRetryingAsync{T}"/> reads again and applies its change on top.
/// </summary>
public sealed class LedgerConflictTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);
    private readonly TestDatabase _database = new(separateConnections: true);

    [Fact]
    public async Task AConflictingSaveRunsAgainOnWhatTheOtherInstanceSavedAndKeepsBothChanges()
    {
        await _database.AddAsync(Now, MessageStatus.Delivered, 1);
        var ledger = TestLedger.Create(_database, new FakeTimeProvider(Now));
        var attempts = 0;

        var seen = await ledger.WriteRetryingAsync(async tx =>
        {
            attempts++;
            var message = await tx.Db.Messages.SingleAsync(tx.CancellationToken);
            if (attempts == 1)
            {
                // Meanwhile another instance records a complaint about the same message.
                await using var other = _database.CreateContext();
                var theirs = await other.Messages.SingleAsync();
                theirs.Stored(MessageStatus.Complained, reason: "feedback");
                await other.SaveChangesAsync();
            }
            var status = message.Status;
            message.Stored(message.Status, reason: message.Reason);
            message.Subject = $"seen as {status}";
            tx.Db.Entry(message).Property(m => m.Status).IsModified = true; // saved with its concurrency check
            return status;
        }, CancellationToken.None);

        Assert.Equal(2, attempts);
        Assert.Equal(MessageStatus.Complained, seen);
        await using var db = _database.CreateContext();
        var row = await db.Messages.SingleAsync();
        Assert.Equal((MessageStatus.Complained, "seen as Complained"), (row.Status, row.Subject));
    }

    [Fact]
    public async Task AfterTheLastAttemptTheConflictIsTheCallersAndNothingOfTheUnitIsSaved()
    {
        await _database.AddAsync(Now, MessageStatus.Delivered, 1);
        var ledger = TestLedger.Create(_database, new FakeTimeProvider(Now));
        var attempts = 0;

        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => ledger.WriteRetryingAsync(async tx =>
        {
            attempts++;
            var message = await tx.Db.Messages.SingleAsync(tx.CancellationToken);
            await using (var other = _database.CreateContext())
            {
                var theirs = await other.Messages.SingleAsync();
                theirs.Stored(theirs.Status == MessageStatus.Delivered ? MessageStatus.Complained : MessageStatus.Delivered);
                await other.SaveChangesAsync();
            }
            message.Subject = "ours";
            tx.Db.Entry(message).Property(m => m.Status).IsModified = true;
            return true;
        }, CancellationToken.None, attempts: 2));

        Assert.Equal(2, attempts);
        await using var db = _database.CreateContext();
        Assert.NotEqual("ours", await db.Messages.Select(m => m.Subject).SingleAsync());
    }

    public void Dispose() => _database.Dispose();
}
