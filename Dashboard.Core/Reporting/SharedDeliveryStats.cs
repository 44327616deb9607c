using System.Collections.Concurrent;
using Dashboard.Core.Activity;

namespace Dashboard.Core.Reporting;

/// <summary>
/// The Overview's figures, counted once for every open page: a change to any message makes the next
/// request count again, and pages that ask together (each open tab refreshes on the same change, and a
/// page loads twice, prerendered then live) share one query. Figures older than <see cref="MaxAge"/>
/// are counted again even without a change, so the window moves with the clock.
/// </summary>
public sealed class SharedDeliveryStats : IDisposable
{
    /// <summary>How long figures are served without any change to messages.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(30);

    private readonly DeliveryStatsService _stats;
    private readonly TimeProvider _time;
    private readonly IDisposable _subscription;
    private readonly ConcurrentDictionary<int, Entry> _entries = new();
    private long _version;

    public SharedDeliveryStats(DeliveryStatsService stats, ActivityFeed feed, TimeProvider time)
    {
        _stats = stats;
        _time = time;
        _subscription = feed.Subscribe(_ =>
        {
            Interlocked.Increment(ref _version);
            return Task.CompletedTask;
        });
    }

    /// <summary>The figures for the last <paramref name="days"/> days, as <see cref="DeliveryStatsService.GetAsync"/> counts them.</summary>
    public Task<DeliveryStats> GetAsync(int days, CancellationToken cancellationToken = default)
    {
        var version = Interlocked.Read(ref _version);
        var now = _time.GetUtcNow();
        var entry = _entries.AddOrUpdate(days,
            d => Count(d, version, now),
            (d, old) => old.Version == version && now - old.At < MaxAge && !old.Failed ? old : Count(d, version, now));
        // The shared query runs to its end even if this caller leaves: others may be waiting for it.
        return entry.Figures.Value.WaitAsync(cancellationToken);
    }

    // Lazy: AddOrUpdate may build an entry it then throws away; only the kept one queries.
    private Entry Count(int days, long version, DateTimeOffset now) =>
        new(version, now, new Lazy<Task<DeliveryStats>>(() => _stats.GetAsync(days, CancellationToken.None)));

    public void Dispose() => _subscription.Dispose();

    private sealed record Entry(long Version, DateTimeOffset At, Lazy<Task<DeliveryStats>> Figures)
    {
        public bool Failed => Figures.IsValueCreated && (Figures.Value.IsFaulted || Figures.Value.IsCanceled);
    }
}
