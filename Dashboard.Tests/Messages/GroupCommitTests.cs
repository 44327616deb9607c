using Dashboard.Core.Messages;

namespace Dashboard.Tests.Messages;

public sealed class GroupCommitTests
{
    [Fact]
    public async Task ItemsHandedInWhileABatchRunsGoTogetherInTheNextAndEachGetsItsOwnResult()
    {
        var batches = new List<int[]>();
        var firstRunning = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var letFirstFinish = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var commit = new GroupCommit<int, string>(async (items, _) =>
        {
            lock (batches)
            {
                batches.Add([.. items]);
            }
            if (items.Contains(0))
            {
                firstRunning.SetResult();
                await letFirstFinish.Task;
            }
            return [.. items.Select(i => $"#{i}")];
        });

        var first = commit.RunAsync(0, CancellationToken.None);
        await firstRunning.Task.WaitAsync(TimeSpan.FromSeconds(10));
        var others = Enumerable.Range(1, 5).Select(i => commit.RunAsync(i, CancellationToken.None)).ToList();
        letFirstFinish.SetResult();

        Assert.Equal("#0", await first);
        Assert.Equal(["#1", "#2", "#3", "#4", "#5"], await Task.WhenAll(others));
        Assert.Equal([[0], [1, 2, 3, 4, 5]], batches);
    }

    [Fact]
    public async Task ABadItemFailsOnlyItselfItsNeighboursRunAgainAlone()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var runs = 0;
        var commit = new GroupCommit<int, int>(async (items, _) =>
        {
            Interlocked.Increment(ref runs);
            await gate.Task;
            return items.Contains(13) ? throw new InvalidOperationException("13 is refused") : [.. items.Select(i => i * 2)];
        });

        var blocker = commit.RunAsync(1, CancellationToken.None);
        var batch = new[] { 2, 13, 4 }.Select(i => commit.RunAsync(i, CancellationToken.None)).ToList();
        gate.SetResult();

        Assert.Equal(2, await blocker);
        Assert.Equal(4, await batch[0]);
        Assert.Equal("13 is refused", (await Assert.ThrowsAsync<InvalidOperationException>(() => batch[1])).Message);
        Assert.Equal(8, await batch[2]);
        Assert.Equal(5, runs); // 1; then 2, 13, 4 together; then each alone
    }

    [Fact]
    public async Task AnItemWhoseCallerGaveUpBeforeItsBatchNeverRuns()
    {
        var ran = new List<int>();
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var commit = new GroupCommit<int, int>(async (items, _) =>
        {
            lock (ran)
            {
                ran.AddRange(items);
            }
            await gate.Task;
            return items;
        });
        var blocker = commit.RunAsync(1, CancellationToken.None);
        using var giveUp = new CancellationTokenSource();
        var abandoned = commit.RunAsync(2, giveUp.Token);
        await giveUp.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => abandoned);
        var later = commit.RunAsync(3, CancellationToken.None);
        gate.SetResult();

        Assert.Equal(1, await blocker);
        Assert.Equal(3, await later);
        Assert.Equal([1, 3], ran);
    }

    [Fact]
    public async Task ALingeringItemRidesInTheBatchAnEagerOneStartsAndAloneStartsItsOwnAfterItsPatience()
    {
        var batches = new List<int[]>();
        var commit = new GroupCommit<int, int>((items, _) =>
        {
            lock (batches)
            {
                batches.Add([.. items]);
            }
            return Task.FromResult<IReadOnlyList<int>>([.. items]);
        });

        // Patient for far longer than the test: only the eager item's batch can have taken it.
        var patient = commit.RunAsync(1, CancellationToken.None, linger: TimeSpan.FromMinutes(10));
        Assert.False(patient.IsCompleted);
        Assert.Equal(2, await commit.RunAsync(2, CancellationToken.None));
        Assert.Equal(1, await patient.WaitAsync(TimeSpan.FromSeconds(10)));

        // Alone, it does not wait for company for ever.
        Assert.Equal(3, await commit.RunAsync(3, CancellationToken.None, linger: TimeSpan.FromMilliseconds(20)).WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal([[1, 2], [3]], batches);
    }

    [Fact]
    public async Task ALingeringItemWhoseCallerGivesUpWhileItWaitsNeverRuns()
    {
        var ran = new List<int>();
        var commit = new GroupCommit<int, int>((items, _) =>
        {
            lock (ran)
            {
                ran.AddRange(items);
            }
            return Task.FromResult<IReadOnlyList<int>>([.. items]);
        });
        using var giveUp = new CancellationTokenSource();
        var abandoned = commit.RunAsync(1, giveUp.Token, linger: TimeSpan.FromMinutes(10));
        await giveUp.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => abandoned.WaitAsync(TimeSpan.FromSeconds(10)));

        Assert.Equal(2, await commit.RunAsync(2, CancellationToken.None));
        Assert.Equal([2], ran);
    }
}
