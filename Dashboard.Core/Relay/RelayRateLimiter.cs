using System.Collections.Concurrent;
using System.Threading.RateLimiting;
using Dashboard.Core.Integrations;

namespace Dashboard.Core.Relay;

/// <summary>Messages per minute per SMTP credential: one permit per recipient, a fixed one-minute window.</summary>
internal sealed class RelayRateLimiter : IDisposable
{
    private readonly ConcurrentDictionary<(long Id, int Rate), FixedWindowRateLimiter> _limiters = new();

    /// <summary>Takes one permit; false with the wait when the credential is over its rate.</summary>
    public bool TryAcquire(RelayIdentity identity, out TimeSpan retryAfter)
    {
        // Keyed by rate too, so a changed limit takes effect with the next session.
        var limiter = _limiters.GetOrAdd((identity.Id, identity.RatePerMinute), key => new FixedWindowRateLimiter(new FixedWindowRateLimiterOptions
        {
            PermitLimit = key.Rate,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        }));
        using var lease = limiter.AttemptAcquire();
        retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
        return lease.IsAcquired;
    }

    public void Dispose()
    {
        foreach (var limiter in _limiters.Values)
        {
            limiter.Dispose();
        }
    }
}
