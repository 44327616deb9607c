using System.ComponentModel.DataAnnotations;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Dashboard.Security;

/// <summary>How many failed sign-ins one network address may make. Bound from the "Security" section.</summary>
public sealed class SignInThrottleOptions
{
    /// <summary>Failed sign-ins allowed from one address per window. Defaults to 20.</summary>
    [Range(1, 10_000)]
    public int SignInFailuresPerAddress { get; set; } = 20;

    /// <summary>The window, in minutes. Defaults to 15.</summary>
    [Range(1, 24 * 60)]
    public int SignInFailureWindowMinutes { get; set; } = 15;
}

/// <summary>
/// Counts failed sign-ins per client address, whatever account they name. The per-account lockout
/// stops guessing one password; this stops one address from trying password after password across
/// many accounts (or locking every account out). Only failures count: a successful sign-in costs
/// nothing, so a busy office behind one address is not shut out by its own users.
/// </summary>
public sealed class SignInThrottle : IDisposable
{
    private readonly PartitionedRateLimiter<string> _failures;

    public SignInThrottle(IOptions<SignInThrottleOptions> options)
    {
        var limit = options.Value.SignInFailuresPerAddress;
        Window = TimeSpan.FromMinutes(options.Value.SignInFailureWindowMinutes);
        _failures = PartitionedRateLimiter.Create<string, string>(address => RateLimitPartition.GetFixedWindowLimiter(address,
            _ => new FixedWindowRateLimiterOptions { PermitLimit = limit, Window = Window, QueueLimit = 0, AutoReplenishment = true }));
    }

    /// <summary>How long an address that used up its failures waits, at most.</summary>
    public TimeSpan Window { get; }

    /// <summary>False when <paramref name="address"/> has used up its failed sign-ins for now.</summary>
    public bool MayTry(string address)
    {
        // Asking for no permit tells whether any are left without taking one.
        using var lease = _failures.AttemptAcquire(address, 0);
        return lease.IsAcquired;
    }

    /// <summary>Counts one failed sign-in against <paramref name="address"/>.</summary>
    public void Failed(string address)
    {
        using var lease = _failures.AttemptAcquire(address, 1);
    }

    /// <summary>
    /// The key for a request: its client address. Behind a proxy listed in ForwardedHeaders:KnownProxies
    /// (or KnownNetworks) that is the address the proxy forwards; from anyone else the connection's.
    /// </summary>
    public static string AddressOf(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    public void Dispose() => _failures.Dispose();
}
