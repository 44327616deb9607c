namespace Dashboard.Core.Activity;

/// <summary>
/// In-process feed of message changes. The pipeline publishes; pages subscribe (and marshal onto
/// their render thread with InvokeAsync). Handlers run off the publisher's path and their
/// failures are swallowed, so a broken page never slows or breaks sending.
/// </summary>
public sealed class ActivityFeed
{
    private readonly Lock _gate = new();
    private List<Func<IReadOnlyList<MessageChange>, Task>> _subscribers = [];

    /// <summary>Subscribes to batches of changes. Dispose the result to unsubscribe.</summary>
    public IDisposable Subscribe(Func<IReadOnlyList<MessageChange>, Task> handler)
    {
        lock (_gate)
        {
            _subscribers = [.. _subscribers, handler];
        }
        return new Subscription(this, handler);
    }

    /// <summary>Tells every subscriber about <paramref name="changes"/>; returns at once.</summary>
    public void Publish(IReadOnlyList<MessageChange> changes)
    {
        if (changes.Count == 0)
        {
            return;
        }
        foreach (var handler in _subscribers)
        {
            _ = Task.Run(async () =>
            {
                try { await handler(changes); }
                catch { /* a subscriber's failure must not reach the pipeline */ }
            });
        }
    }

    private void Unsubscribe(Func<IReadOnlyList<MessageChange>, Task> handler)
    {
        lock (_gate)
        {
            _subscribers = [.. _subscribers.Where(h => h != handler)];
        }
    }

    private sealed class Subscription(ActivityFeed feed, Func<IReadOnlyList<MessageChange>, Task> handler) : IDisposable
    {
        public void Dispose() => feed.Unsubscribe(handler);
    }
}
