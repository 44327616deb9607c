using Dashboard.Core.Data;
using Dashboard.Core.Messages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Dashboard.Core.Sending;

/// <summary>
/// Settles what an instance that stopped left behind (this one's previous run after a crash, or
/// another instance on the same database): a message caught mid-send (Sending) may or may not have
/// reached the server, so it becomes Interrupted and is never resent blindly; a message that was only
/// Queued was never attempted, so this instance takes it over and sends it. A live instance's claims
/// are left alone. Runs at start-up (before the app takes requests) and every third of
/// <see cref="SendingOptions.LeaseSeconds"/>, renewing this instance's lease each time.
/// </summary>
public sealed class SendingRecoveryService(
    SendService sendService,
    MessageLedger ledger,
    SendingLeases leases,
    SendingInstance instance,
    TimeProvider time,
    ILogger<SendingRecoveryService> logger) : IHostedService
{
    private const int TakeOverBatch = 500;
    private const string MidSendDetail =
        "Interrupted: the dashboard stopped while this message was being sent. The server may or may not have accepted it, so it was not sent again; resend it if needed.";

    private readonly CancellationTokenSource _stopping = new();
    private readonly List<Task> _sending = [];
    private Task _watching = Task.CompletedTask;

    /// <summary>Takes this instance's lease, settles stopped instances' claims and starts watching for more.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await leases.HoldAsync(cancellationToken);
        logger.LogInformation("Sending as instance {Instance} on {Host} (process {ProcessId}); its claims lapse {Lease} after it stops renewing them",
            instance.Id, instance.Host, instance.ProcessId, leases.Lease);
        Send(await RecoverAsync(cancellationToken));
        _watching = Task.Run(() => WatchAsync(_stopping.Token), CancellationToken.None);
    }

    /// <summary>
    /// Marks the Sending messages of stopped instances Interrupted and takes their Queued ones over;
    /// returns the ids taken over, to send. Unclaimed rows (from before claims) count as a stopped
    /// instance's. Another instance settling the same claims at the same moment wins some of them:
    /// what it changed first is left to it.
    /// </summary>
    internal async Task<IReadOnlyList<long>> RecoverAsync(CancellationToken cancellationToken)
    {
        var stopped = await leases.FindStoppedAsync(cancellationToken);
        var now = time.GetUtcNow();
        var interrupted = await SettleAsync(async tx =>
        {
            var sending = await Orphaned(tx.Db, stopped).Where(m => m.Status == MessageStatus.Sending).ToListAsync(tx.CancellationToken);
            foreach (var message in sending)
            {
                message.Interrupt(MidSendDetail, now);
            }
            return sending;
        }, cancellationToken);
        if (interrupted is { Count: > 0 })
        {
            logger.LogWarning("{Count} message(s) were mid-send when their instance stopped; marked Interrupted, not resent", interrupted.Count);
        }

        var taken = new List<long>();
        var settled = interrupted is not null;
        while (true)
        {
            var batch = await SettleAsync(async tx =>
            {
                var queued = await Orphaned(tx.Db, stopped).Where(m => m.Status == MessageStatus.Queued)
                    .OrderBy(m => m.Id).Take(TakeOverBatch).ToListAsync(tx.CancellationToken);
                foreach (var message in queued)
                {
                    message.TakeOver(instance.Id);
                }
                return queued.Select(m => m.Id).ToList();
            }, cancellationToken);
            settled &= batch is not null;
            taken.AddRange(batch ?? []);
            if (batch is null || batch.Count < TakeOverBatch)
            {
                break;
            }
        }
        if (taken.Count > 0)
        {
            logger.LogInformation("Sending {Count} message(s) that were queued but never attempted by an instance that stopped", taken.Count);
        }
        if (settled)
        {
            await leases.RemoveAsync(stopped, cancellationToken);
        }
        return taken;
    }

    // Claims nobody holds: no owner (rows from before claims), an owner that stopped, or one whose
    // lease is gone (it stopped cleanly). An instance takes its lease before its first claim, and
    // renews it before each look, so a live instance's claims are never mistaken for orphans.
    private static IQueryable<Message> Orphaned(DashboardDbContext db, IReadOnlyList<string> stopped) =>
        db.Messages.Where(m => m.ClaimedBy == null || stopped.Contains(m.ClaimedBy) || !db.SendingLeases.Any(l => l.Id == m.ClaimedBy));

    // One unit of work of the ledger; null when another instance changed one of its rows first.
    private async Task<T?> SettleAsync<T>(Func<LedgerTransaction, Task<T>> work, CancellationToken cancellationToken) where T : class
    {
        try
        {
            return await ledger.WriteAsync(work, cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            logger.LogInformation("Another instance settled some of the same claims first; the rest are settled at the next look");
            return null;
        }
    }

    private async Task WatchAsync(CancellationToken cancellationToken)
    {
        // Renewing the lease never waits for sending: a long backlog must not make this instance look stopped.
        var period = leases.Lease / 3;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(period, time, cancellationToken);
                await leases.HoldAsync(cancellationToken);
                Send(await RecoverAsync(cancellationToken));
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // Stopping.
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Renewing the sending lease or settling stopped instances' claims failed; trying again in {Period}", period);
            }
        }
    }

    private void Send(IReadOnlyList<long> ids)
    {
        if (ids.Count == 0)
        {
            return;
        }
        lock (_sending)
        {
            _sending.RemoveAll(t => t.IsCompleted);
            _sending.Add(Task.Run(() => SendQueuedAsync(ids, _stopping.Token), CancellationToken.None));
        }
    }

    private async Task SendQueuedAsync(IReadOnlyList<long> ids, CancellationToken cancellationToken)
    {
        try
        {
            foreach (var chunk in ids.Chunk(200))
            {
                await sendService.SendQueuedAsync(chunk, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping: whatever is still Queued goes to whichever instance settles this one's claims.
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Sending queued messages failed");
        }
    }

    /// <summary>Stops watching and sending, then gives up the lease so another instance takes what is left at once.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        Task[] running;
        lock (_sending)
        {
            running = [_watching, .. _sending];
        }
        await Task.WhenAny(Task.WhenAll(running), Task.Delay(Timeout.Infinite, cancellationToken));
        try
        {
            await leases.ReleaseAsync(cancellationToken);
        }
        catch (Exception ex)
        {
            // Stopping anyway (or out of time to stop): the lease lapses by itself.
            logger.LogWarning(ex, "Giving up the sending lease failed; other instances take its claims when it lapses");
        }
    }
}
