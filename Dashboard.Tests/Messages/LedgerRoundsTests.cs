using Dashboard.Core.Messages;
using Dashboard.Tests.Reporting;
using Dashboard.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Tests.Messages;

/// <summary>
/// The ledger's rounds: the pipeline's stores, claims and answers waiting at the same time share one
/// unit of work (one commit), on the real database.
/// </summary>
public sealed class LedgerRoundsTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);
    private readonly TestDatabase _database = new(separateConnections: true);
    private readonly List<(string Kind, LedgerTransaction Unit, long[] Items)> _batches = [];

    [Fact]
    public async Task WorkOfEveryKindHandedInWhileARoundRunsGoesIntoTheNextRoundAsOneUnitEachKindInItsOrder()
    {
        var ids = await SeedAsync(3);
        var ledger = TestLedger.Create(_database, new FakeTimeProvider(Now));
        var firstRunning = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var letFirstFinish = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var mark = Marking(order: 1, async items =>
        {
            if (items.Contains(ids[0]))
            {
                firstRunning.SetResult();
                await letFirstFinish.Task;
            }
        });
        var count = new LedgerBatch<long, int>(order: 0, async (tx, items) =>
        {
            Record("count", tx, items);
            var marked = await tx.Db.Messages.CountAsync(m => m.Subject.EndsWith("!"), tx.CancellationToken);
            return [.. items.Select(_ => marked)];
        });

        var first = ledger.InRoundAsync(mark, ids[0], CancellationToken.None);
        await firstRunning.Task.WaitAsync(TimeSpan.FromSeconds(10));
        var marks = ids.Skip(1).Select(id => ledger.InRoundAsync(mark, id, CancellationToken.None)).ToList();
        var counted = ledger.InRoundAsync(count, 0, CancellationToken.None);
        letFirstFinish.SetResult();

        Assert.Equal($"marked {ids[0]}", await first);
        Assert.Equal(ids.Skip(1).Select(id => $"marked {id}"), await Task.WhenAll(marks));
        // Counted in the same unit before the marks of its round: it sees only the first round's.
        Assert.Equal(1, await counted);
        Assert.Equal(["mark", "count", "mark"], _batches.Select(b => b.Kind));
        Assert.Equal([[ids[0]], [0], ids[1..]], _batches.Select(b => b.Items));
        Assert.NotSame(_batches[0].Unit, _batches[1].Unit);
        Assert.Same(_batches[1].Unit, _batches[2].Unit);
        Assert.Equal(3, await MarkedAsync());
    }

    [Fact]
    public async Task AFailingItemFailsOnlyItselfNothingOfItsRoundIsKeptAndAnExpectedFailureIsTheItemsResult()
    {
        var ids = await SeedAsync(3);
        var ledger = TestLedger.Create(_database, new FakeTimeProvider(Now));
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var mark = Marking(order: 0, _ => gate.Task);
        var refuse = new LedgerBatch<long, int>(order: 1, (tx, items) =>
        {
            Record("refuse", tx, items);
            return Task.FromResult<IReadOnlyList<int>>(items.Contains(13) ? throw new InvalidOperationException("13 is refused") : [.. items.Select(i => (int)i)]);
        });
        var conflict = new LedgerBatch<long, bool>(order: 2, (tx, items) =>
        {
            Record("conflict", tx, items);
            // As a claim whose message another instance changed between its read and its save.
            throw new DbUpdateConcurrencyException("The row changed since it was read.");
        }, expectedFailure: ex => ex is DbUpdateConcurrencyException, resultOnExpectedFailure: false);

        var blocker = ledger.InRoundAsync(mark, ids[0], CancellationToken.None);
        var marked = ledger.InRoundAsync(mark, ids[1], CancellationToken.None);
        var refused = ledger.InRoundAsync(refuse, 13, CancellationToken.None);
        var accepted = ledger.InRoundAsync(refuse, 5, CancellationToken.None);
        var conflicted = ledger.InRoundAsync(conflict, 1, CancellationToken.None);
        gate.SetResult();

        Assert.Equal($"marked {ids[0]}", await blocker);
        Assert.Equal($"marked {ids[1]}", await marked);
        Assert.Equal("13 is refused", (await Assert.ThrowsAsync<InvalidOperationException>(() => refused)).Message);
        Assert.Equal(5, await accepted);
        Assert.False(await conflicted);
        // The second round failed as a whole, then each of its items ran alone: the mark made in the
        // failed round was not kept, so each message carries exactly one.
        Assert.Equal(2, _batches.Count(b => b.Kind == "mark" && b.Items.SequenceEqual([ids[1]])));
        await using var db = _database.CreateContext();
        Assert.Equal(["first!", "second!", "third"], await db.Messages.OrderBy(m => m.Id).Select(m => m.Subject).ToListAsync());
    }

    // A kind that appends "!" to the subject of each message it is given.
    [Fact]
    public async Task TheUsageSaysWhereTheWritersTimeWentStepByStepAndEachKindsShareOfTheWork()
    {
        var ids = await SeedAsync(2);
        var ledger = TestLedger.Create(_database, new FakeTimeProvider(Now));
        await ledger.WriteAsync(_ => Task.CompletedTask, CancellationToken.None);
        var before = ledger.Usage;
        var slowClaims = Marking(order: RoundOrder.Claim, _ => Task.Delay(40));
        var slowSave = Marking(order: RoundOrder.Answer, _ => Task.CompletedTask);

        await ledger.InRoundAsync(slowClaims, ids[0], CancellationToken.None);
        await ledger.InRoundAsync(slowSave, ids[1], CancellationToken.None);
        var spent = ledger.Usage.Since(before);

        Assert.Equal(2, spent.Units);
        Assert.True(spent.Claims >= TimeSpan.FromMilliseconds(35), $"claims {spent.Claims}");
        Assert.True(spent.Answers > TimeSpan.Zero && spent.Answers < spent.Claims, $"answers {spent.Answers}");
        Assert.Equal(TimeSpan.Zero, spent.Stores);
        // The kinds' batches are part of the work; each unit also made its context, looked for changes and saved two rows.
        Assert.True(spent.Working >= spent.Claims + spent.Answers, $"work {spent.Working}");
        Assert.True(spent.Opening > TimeSpan.Zero && spent.Finding > TimeSpan.Zero && spent.Saving > TimeSpan.Zero);
        Assert.Equal(1, before.Units);
    }

    [Fact]
    public void AKindTakesOneOfTheRoundsPlacesOrNone()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new LedgerBatch<long, int>(order: RoundOrder.Count, (_, items) => Task.FromResult<IReadOnlyList<int>>([.. items.Select(_ => 0)])));
        Assert.Throws<ArgumentOutOfRangeException>(() => new LedgerBatch<long, int>(order: -1, (_, items) => Task.FromResult<IReadOnlyList<int>>([.. items.Select(_ => 0)])));
    }

    private LedgerBatch<long, string> Marking(int order, Func<IReadOnlyList<long>, Task> meanwhile) =>
        new(order, async (tx, items) =>
        {
            Record("mark", tx, items);
            await meanwhile(items);
            var messages = await tx.Db.Messages.Where(m => items.Contains(m.Id)).ToListAsync(tx.CancellationToken);
            foreach (var message in messages)
            {
                message.Subject += "!";
            }
            return [.. items.Select(id => $"marked {id}")];
        });

    private void Record(string kind, LedgerTransaction unit, IReadOnlyList<long> items)
    {
        lock (_batches)
        {
            _batches.Add((kind, unit, [.. items]));
        }
    }

    private async Task<long[]> SeedAsync(int count)
    {
        await _database.AddAsync(Now, MessageStatus.Delivered, count);
        await using var db = _database.CreateContext();
        var messages = await db.Messages.OrderBy(m => m.Id).ToListAsync();
        string[] subjects = ["first", "second", "third"];
        for (var i = 0; i < messages.Count; i++)
        {
            messages[i].Subject = subjects[i];
        }
        await db.SaveChangesAsync();
        return [.. messages.Select(m => m.Id)];
    }

    private async Task<int> MarkedAsync()
    {
        await using var db = _database.CreateContext();
        return await db.Messages.CountAsync(m => m.Subject.EndsWith("!"));
    }

    public void Dispose() => _database.Dispose();
}
