namespace Dashboard.Core.Live;

/// <summary>
/// Feed of changes of one kind. Writers publish after they commit; pages subscribe (and
/// marshal onto their render thread with InvokeAsync). Handlers run off the publisher's path and
/// their failures are swallowed, so a broken page never slows or breaks the writer. On PostgreSQL
/// the changes also reach the other instances' subscribers (see <see cref="Cluster.ChangeRelay"/>).
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

    /// <summary>
    /// Set on PostgreSQL by <see cref="Cluster.ChangeRelay"/>: what is published here is also sent to
    /// the other instances on the database. Null: this instance only.
    /// </summary>
    internal Action<IReadOnlyList<TChange>>? Relay { get; set; }

    /// <summary>Tells every subscriber about <paramref name="changes"/>, and the other instances when relayed; returns at once.</summary>
    public void Publish(IReadOnlyList<TChange> changes)
    {
        if (changes.Count == 0)
        {
            return;
        }
        Deliver(changes);
        Relay?.Invoke(changes);
    }

    /// <summary>Tells this instance's subscribers only: how changes made by another instance arrive.</summary>
    internal void Deliver(IReadOnlyList<TChange> changes)
    {
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
