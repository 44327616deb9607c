using Dashboard.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Dashboard.Core.Reporting.Rollups;

/// <summary>
/// Adds the journal of changes (<see cref="RollupChange"/>, written by the triggers) to the rollups:
/// every second in the background, and before anything reads the rollups (<see cref="FoldAsync"/>),
/// so a report is exact up to the last committed message. Folding costs one set of grouped upserts
/// per batch instead of ninety upserts in every statement that writes a message. Runs on every
/// instance: two folds on one database wait for each other (see <see cref="RollupSql.Fold"/>).
/// </summary>
public sealed class RollupFolder(
    IDbContextFactory<DashboardDbContext> dbFactory, PipelineWriteGate gate, TimeProvider time, ILogger<RollupFolder> logger) : BackgroundService
{
    private static readonly TimeSpan Every = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Folds whatever the journal holds, in a transaction of its own on <paramref name="db"/> (which
    /// must have none open). Cheap when the journal is empty: one indexed read.
    /// </summary>
    public static async Task FoldAsync(DashboardDbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (!await db.RollupChanges.AnyAsync(cancellationToken))
        {
            return;
        }
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Database.ExecuteSqlRawAsync(RollupSql.Fold(db.Provider), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var db = await dbFactory.CreateDbContextAsync(stoppingToken);
                // Beside the pipeline's writes, not between them: on SQLite a writer waiting on the
                // file lock sleeps in steps, the gate hands over at once.
                using (await gate.EnterAsync(stoppingToken))
                {
                    await FoldAsync(db, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Adding the journalled changes to the report rollups failed; trying again in a second");
            }
            await Task.Delay(Every, time, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }
}
