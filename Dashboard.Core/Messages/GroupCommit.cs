namespace Dashboard.Core.Messages;

/// <summary>
/// Runs the items that callers hand in at about the same time as one batch: whoever finds no batch
/// running takes everything waiting (up to <paramref name="maxBatch"/>) and runs it; the others wait
/// for their item's result. Under load the batches grow by themselves, idle each item runs alone at
/// once; an item that may linger waits a little for company first. If a batch fails, each of its
/// items runs again alone, so one bad item fails only itself.
/// Meant for ledger units of work (one <see cref="MessageLedger.WriteAsync{T}"/> per batch): one
/// context, one commit and one hold of the write gate for many messages instead of one each.
/// </summary>
/// <param name="run">Runs a batch; returns one result per item, in order.</param>
/// <param name="maxBatch">The most items in one batch.</param>
internal sealed class GroupCommit<TIn, TOut>(Func<IReadOnlyList<TIn>, CancellationToken, Task<IReadOnlyList<TOut>>> run, int maxBatch = 64)
{
    private readonly System.Collections.Concurrent.ConcurrentQueue<Item> _waiting = new();
    private readonly SemaphoreSlim _running = new(1, 1);

    /// <summary>Runs <paramref name="input"/> in the next batch and returns its result (or throws its failure).</summary>
    /// <param name="input">The item.</param>
    /// <param name="cancellationToken">Gives up waiting: the item is dropped if no batch has taken it yet.</param>
    /// <param name="linger">How long the item may wait for company before it starts a batch of its own: a
    /// batch that someone else starts meanwhile takes it along. Zero starts one as soon as none is running.</param>
    public async Task<TOut> RunAsync(TIn input, CancellationToken cancellationToken, TimeSpan linger = default)
    {
        var item = new Item(input);
        _waiting.Enqueue(item);
        if (linger > TimeSpan.Zero)
        {
            // Waits for the next batch someone else starts, or for the end of its patience.
            await Task.WhenAny(item.Done.Task, Task.Delay(linger, cancellationToken));
            if (cancellationToken.IsCancellationRequested && item.Abandon())
            {
                throw new OperationCanceledException(cancellationToken);
            }
        }
        while (!item.Done.Task.IsCompleted)
        {
            try
            {
                await _running.WaitAsync(cancellationToken);
            }
            catch (OperationCanceledException) when (item.Abandon())
            {
                // Not taken into a batch yet, and now never will be: nothing of it happened.
                throw;
            }
            catch (OperationCanceledException)
            {
                // Already in a batch that is running: its result (whatever happened) comes soon.
                break;
            }
            try
            {
                if (item.Done.Task.IsCompleted)
                {
                    break;
                }
                var batch = new List<Item>(Math.Min(maxBatch, _waiting.Count + 1));
                while (batch.Count < maxBatch && _waiting.TryDequeue(out var next))
                {
                    if (next.Take())
                    {
                        batch.Add(next);
                    }
                }
                if (batch.Count > 0)
                {
                    await RunBatchAsync(batch, cancellationToken);
                }
            }
            finally
            {
                _running.Release();
            }
        }
        return await item.Done.Task;
    }

    private async Task RunBatchAsync(List<Item> batch, CancellationToken cancellationToken)
    {
        try
        {
            Complete(batch, await run([.. batch.Select(i => i.Input)], cancellationToken));
        }
        catch (Exception) when (batch.Count > 1 && !cancellationToken.IsCancellationRequested)
        {
            foreach (var one in batch)
            {
                try
                {
                    Complete([one], await run([one.Input], cancellationToken));
                }
                catch (Exception ex)
                {
                    one.Done.TrySetException(ex);
                }
            }
        }
        catch (Exception ex)
        {
            foreach (var one in batch)
            {
                one.Done.TrySetException(ex);
            }
        }
    }

    private static void Complete(List<Item> batch, IReadOnlyList<TOut> results)
    {
        if (results.Count != batch.Count)
        {
            throw new InvalidOperationException($"A batch of {batch.Count} gave {results.Count} result(s).");
        }
        for (var i = 0; i < batch.Count; i++)
        {
            batch[i].Done.TrySetResult(results[i]);
        }
    }

    private sealed class Item(TIn input)
    {
        private const int Waiting = 0, Taken = 1, Abandoned = 2;
        private int _state;

        public TIn Input { get; } = input;
        public TaskCompletionSource<TOut> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>Into a batch, unless its caller gave up first.</summary>
        public bool Take() => Interlocked.CompareExchange(ref _state, Taken, Waiting) == Waiting;

        /// <summary>Given up by its caller, unless a batch took it first.</summary>
        public bool Abandon() => Interlocked.CompareExchange(ref _state, Abandoned, Waiting) == Waiting;
    }
}
