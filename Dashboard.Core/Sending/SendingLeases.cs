using Dashboard.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dashboard.Core.Sending;

/// <summary>
/// The instances' leases (<see cref="SendingLease"/>, one row per running instance): this instance
/// holds and renews its own, and reads which others have stopped. The one writer of those rows.
/// </summary>
public sealed class SendingLeases(
    IDbContextFactory<DashboardDbContext> dbFactory,
    SendingInstance instance,
    TimeProvider time,
    IOptions<SendingOptions> options,
    ILogger<SendingLeases> logger)
{
    private bool _held;

    /// <summary>How long a lease runs from its last renewal.</summary>
    public TimeSpan Lease => TimeSpan.FromSeconds(options.Value.LeaseSeconds);

    /// <summary>Takes or renews this instance's lease; taken again if another instance removed it as stopped.</summary>
    public async Task HoldAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var renewed = await db.SendingLeases.Where(l => l.Id == instance.Id)
            .ExecuteUpdateAsync(l => l.SetProperty(x => x.LeaseUntil, now + Lease), cancellationToken);
        if (renewed == 1)
        {
            return;
        }
        if (_held)
        {
            // Late renewing (a long pause): another instance took our claims over meanwhile.
            logger.LogWarning("Instance {Instance}'s lease had lapsed and was removed; its claims went to other instances. Taking a new lease", instance.Id);
        }
        db.SendingLeases.Add(new SendingLease
        {
            Id = instance.Id,
            Host = instance.Host,
            ProcessId = instance.ProcessId,
            ProcessStartedAt = instance.ProcessStartedAt,
            StartedAt = now,
            LeaseUntil = now + Lease,
        });
        await db.SaveChangesAsync(cancellationToken);
        _held = true;
    }

    /// <summary>The ids of the other instances that have stopped (see <see cref="SendingInstance.HasStopped"/>).</summary>
    public async Task<IReadOnlyList<string>> FindStoppedAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var leases = await db.SendingLeases.AsNoTracking().Where(l => l.Id != instance.Id).ToListAsync(cancellationToken);
        return [.. leases.Where(l => instance.HasStopped(l, now)).Select(l => l.Id)];
    }

    /// <summary>Removes the leases of stopped instances once their claims are settled.</summary>
    public async Task RemoveAsync(IReadOnlyList<string> stopped, CancellationToken cancellationToken)
    {
        if (stopped.Count == 0)
        {
            return;
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.SendingLeases.Where(l => stopped.Contains(l.Id)).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>Gives up this instance's lease (a clean stop): what it still holds is another instance's at once.</summary>
    public async Task ReleaseAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.SendingLeases.Where(l => l.Id == instance.Id).ExecuteDeleteAsync(cancellationToken);
        _held = false;
    }
}
