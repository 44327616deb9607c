using Dashboard.Core.Data;
using Dashboard.Core.Messages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Dashboard.Core.Sending;

/// <summary>
/// At start-up, settles what a crash left behind. A message caught mid-send (Sending) may or may not
/// have reached the server, so it becomes Interrupted and is never resent blindly; a message that was
/// only Queued was never attempted, so it is sent now.
/// </summary>
public sealed class SendingRecoveryService(
    IDbContextFactory<DashboardDbContext> dbFactory,
    SendService sendService,
    MessageLedger ledger,
    TimeProvider time,
    ILogger<SendingRecoveryService> logger) : IHostedService
{
    private readonly CancellationTokenSource _stopping = new();
    private Task _resend = Task.CompletedTask;

    /// <summary>Marks interrupted messages (before the app takes requests) and starts sending queued ones.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var queued = await RecoverAsync(cancellationToken);
        if (queued.Count > 0)
        {
            _resend = Task.Run(() => SendQueuedAsync(queued, _stopping.Token), CancellationToken.None);
        }
    }

    /// <summary>Marks Sending messages Interrupted; returns the ids of the Queued ones to send.</summary>
    internal async Task<IReadOnlyList<long>> RecoverAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var interrupted = await ledger.WriteAsync(async tx =>
        {
            var sending = await tx.Db.Messages.Where(m => m.Status == MessageStatus.Sending).ToListAsync(tx.CancellationToken);
            foreach (var message in sending)
            {
                message.Interrupt(
                    "Interrupted: the dashboard stopped while this message was being sent. The server may or may not have accepted it, so it was not sent again; resend it if needed.",
                    now);
            }
            return sending.Count;
        }, cancellationToken);
        if (interrupted > 0)
        {
            logger.LogWarning("{Count} message(s) were mid-send when the dashboard stopped; marked Interrupted, not resent", interrupted);
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var queued = await db.Messages.AsNoTracking().Where(m => m.Status == MessageStatus.Queued).OrderBy(m => m.Id).Select(m => m.Id).ToListAsync(cancellationToken);
        if (queued.Count > 0)
        {
            logger.LogInformation("Sending {Count} message(s) that were queued but never attempted", queued.Count);
        }
        return queued;
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
            // Stopping: whatever is still Queued is sent at the next start.
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Sending queued messages failed");
        }
    }

    /// <summary>Stops sending queued messages.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await Task.WhenAny(_resend, Task.Delay(Timeout.Infinite, cancellationToken));
    }
}
