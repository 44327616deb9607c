namespace Dashboard.Components.Shared;

/// <summary>
/// Runs a refresh for a burst of live changes at most once per <c>interval</c>: the first change
/// refreshes at once, later ones within the interval are folded into a single refresh at its end,
/// so a busy pipeline cannot make a page re-query on every message.
/// </summary>
public sealed class ThrottledRefresh(TimeProvider time, TimeSpan interval, Func<CancellationToken, Task> refresh) : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private int _pending;
    private long _lastRefreshTicks = DateTimeOffset.MinValue.UtcTicks;

    /// <summary>Asks for a refresh; returns when it has run, or at once if one is already waiting.</summary>
    public async Task RequestAsync()
    {
        // A refresh already waiting will read the database after this change: nothing more to do.
        if (Interlocked.Exchange(ref _pending, 1) == 1)
        {
            return;
        }
        try
        {
            var wait = new DateTimeOffset(Interlocked.Read(ref _lastRefreshTicks), TimeSpan.Zero) + interval - time.GetUtcNow();
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, time, _stop.Token);
            }
            // Cleared before querying, so a change that lands during the query gets its own refresh.
            Volatile.Write(ref _pending, 0);
            Interlocked.Exchange(ref _lastRefreshTicks, time.GetUtcNow().UtcTicks);
            await refresh(_stop.Token);
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // The page went away.
        }
    }

    /// <summary>Cancels a waiting or running refresh. (The token source is not disposed: a late change may still ask for its token.)</summary>
    public void Dispose() => _stop.Cancel();
}
