using Dashboard.Core.Data;
using Dashboard.Core.Messages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Dashboard.Core.Retention;

/// <summary>
/// Removes what <see cref="RetentionOptions"/> says is kept no longer: message content, raw unmatched
/// mail and timeline events past their age. Batched: each batch is one short transaction under the
/// pipeline's write gate, so sending never waits behind a long delete. Messages, their last status
/// and reply, the report rollups and the suppression list are never touched, so reports stay right.
/// </summary>
public sealed class RetentionService(
    IDbContextFactory<DashboardDbContext> dbFactory,
    PipelineWriteGate gate,
    IOptionsMonitor<RetentionOptions> options,
    TimeProvider time)
{
    /// <summary>One pruning run: every kind past its age, batch after batch until none is left.</summary>
    public async Task<RetentionResult> PruneAsync(CancellationToken cancellationToken = default)
    {
        var o = options.CurrentValue;
        var now = time.GetUtcNow();
        int messages = 0, contents = 0, unmatched = 0, events = 0;
        if (o.ContentDays > 0)
        {
            var before = now.AddDays(-o.ContentDays);
            // Only finished messages: a queued or sending one still needs its content to go out.
            messages = await RepeatAsync(o.BatchSize, (db, batch) =>
                db.Messages
                    .Where(m => m.CreatedAt < before && (m.ContentId != null || m.Headers != null)
                                && m.Status != MessageStatus.Queued && m.Status != MessageStatus.Sending)
                    .OrderBy(m => m.Id).Take(batch)
                    .ExecuteUpdateAsync(s => s.SetProperty(m => m.ContentId, (long?)null).SetProperty(m => m.Headers, (byte[]?)null), cancellationToken),
                cancellationToken);
            // A submission's recipients share one content: it goes once none of them needs it.
            contents = await RepeatAsync(o.BatchSize, (db, batch) =>
                db.MessageContents.Where(c => !db.Messages.Any(m => m.ContentId == c.Id))
                    .OrderBy(c => c.Id).Take(batch).ExecuteDeleteAsync(cancellationToken),
                cancellationToken);
        }
        if (o.UnmatchedDays > 0)
        {
            var before = now.AddDays(-o.UnmatchedDays);
            unmatched = await RepeatAsync(o.BatchSize, (db, batch) =>
                db.UnmatchedBounces.Where(u => u.ReceivedAt < before).OrderBy(u => u.Id).Take(batch).ExecuteDeleteAsync(cancellationToken), cancellationToken);
        }
        if (o.EventDays > 0)
        {
            var before = now.AddDays(-o.EventDays);
            events = await RepeatAsync(o.BatchSize, (db, batch) =>
                db.MessageEvents.Where(e => e.OccurredAt < before).OrderBy(e => e.Id).Take(batch).ExecuteDeleteAsync(cancellationToken), cancellationToken);
        }
        return new RetentionResult(messages, contents, unmatched, events);
    }

    // Runs one batch at a time, each in its own hold of the write gate, until a batch finds nothing.
    private async Task<int> RepeatAsync(int batch, Func<DashboardDbContext, int, Task<int>> step, CancellationToken cancellationToken)
    {
        var total = 0;
        while (true)
        {
            int done;
            using (await gate.EnterAsync(cancellationToken))
            {
                await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
                done = await step(db, batch);
            }
            total += done;
            if (done < batch)
            {
                return total;
            }
        }
    }
}
