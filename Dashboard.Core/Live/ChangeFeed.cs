namespace Dashboard.Core.Live;

/// <summary>
/// In-process feed of changes of one kind. Writers publish after they commit; pages subscribe (and
/// marshal onto their render thread with InvokeAsync). Handlers run off the publisher's path and
/// their failures are swallowed, so a broken page never slows or breaks the writer.
/// </summary>
public abstract class ChangeFeed<TChange>
{
    private readonly Lock _gate = new();
    private List<Func<IReadOnlyList<TChange>, Task>> _subscribers = [];

    /// <summary>Subscribes to batches of changes. Dispose the result to unsubscribe.</summary>
    public IDisposable Subscribe(Func<IReadOnlyList<TChange>, Task> handler)
    {
        lock (_gate)
        {
            _subscribers = [.. _subscribers, handler];
        }
        return new Subscription(this, handler);
    }

    /// <summary>Tells every subscriber about <paramref name="changes"/>; returns at once.</summary>
    public void Publish(IReadOnlyList<TChange> changes)
    {
        if (changes.Count == 0)
        {
            return;
        }
        // One task for the whole batch, not one per subscriber: with many open pages a change costs
        // the writer nothing and each page only what its handler does (a counter bump, as a rule).
        // Handlers are started one after the other but not awaited in turn, so a slow page delays no other.
        var subscribers = _subscribers;
        _ = Task.Run(() =>
        {
            foreach (var handler in subscribers)
            {
                _ = RunAsync(handler, changes);
            }
        });
    }

    private static async Task RunAsync(Func<IReadOnlyList<TChange>, Task> handler, IReadOnlyList<TChange> changes)
    {
        try { await handler(changes); }
        catch { /* a subscriber's failure must not reach the writer or the other subscribers */ }
    }

    private void Unsubscribe(Func<IReadOnlyList<TChange>, Task> handler)
    {
        lock (_gate)
        {
            _subscribers = [.. _subscribers.Where(h => h != handler)];
        }
    }

    private sealed class Subscription(ChangeFeed<TChange> feed, Func<IReadOnlyList<TChange>, Task> handler) : IDisposable
    {
        public void Dispose() => feed.Unsubscribe(handler);
    }
}
