using Dashboard.Core.Bounces;
using Dashboard.Core.Classification;
using Dashboard.Core.Data;
using Dashboard.Core.Messages;
using Dashboard.Core.Suppressions;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Reclassification;

/// <summary>
/// Re-runs the classifier over every stored verdict (the bounce events of every timeline: synchronous
/// replies and asynchronous bounce reports) and says what today's rules read differently.
/// </summary>
public sealed class Reclassifier(
    IDbContextFactory<DashboardDbContext> dbFactory,
    MessageLedger ledger,
    SuppressionRules suppressions,
    TimeProvider time)
{
    private const int BatchSize = 500;

    private static readonly MessageEventType[] Classified =
        [MessageEventType.SoftBounce, MessageEventType.HardBounce, MessageEventType.BouncedAfterDelivery];

    /// <summary>Reads every stored verdict again; changes nothing.</summary>
    public async Task<ReclassificationDiff> DiffAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var examined = 0;
        var changes = new List<ReclassificationChange>();
        var rows = db.MessageEvents.AsNoTracking()
            .Where(e => Classified.Contains(e.Type) && e.Reason != null)
            .OrderBy(e => e.Id)
            .Select(e => new
            {
                e.Id,
                e.MessageId,
                e.Message!.PublicId,
                e.Message.Recipient,
                e.OccurredAt,
                e.ReplyCode,
                e.EnhancedStatus,
                e.Response,
                e.Reason,
                e.IsHard,
                e.Rule,
                e.Detail,
                LatestId = db.MessageEvents.Where(x => x.MessageId == e.MessageId && Classified.Contains(x.Type))
                    .OrderByDescending(x => x.Id).Select(x => x.Id).FirstOrDefault(),
            })
            .AsAsyncEnumerable();
        await foreach (var e in rows.WithCancellation(cancellationToken))
        {
            examined++;
            var verdict = ReplyClassifier.Classify(e.ReplyCode, e.EnhancedStatus, e.Response, action: null, PhaseOf(e.Rule, e.Detail, e.Response));
            if (verdict.Reason == e.Reason && verdict.Hard == e.IsHard)
            {
                continue;
            }
            changes.Add(new ReclassificationChange(e.Id, e.MessageId, e.PublicId, e.Recipient, e.OccurredAt, e.Response,
                e.Reason, e.IsHard, verdict.Reason, verdict.Hard, verdict.Rule, e.LatestId == e.Id));
        }
        changes.Reverse();
        var counts = changes
            .GroupBy(c => (c.OldReason, c.OldHard, c.NewReason, c.NewHard))
            .Select(g => new ReclassificationCount(g.Key.OldReason, g.Key.OldHard, g.Key.NewReason, g.Key.NewHard, g.Count()))
            .OrderByDescending(c => c.Count).ThenBy(c => c.OldReason).ThenBy(c => c.NewReason)
            .ToList();
        return new ReclassificationDiff(examined, counts, changes);
    }

    /// <summary>
    /// Applies today's rules to every stored verdict they read differently, through the message ledger
    /// in batches: the events take the new verdict, statuses follow (so does the bounce rate), the
    /// hard-bounce suppressions follow (added or lifted), and each change is on the message's timeline
    /// and in the suppression history as "re-classified". Admins only. Returns what was applied.
    /// </summary>
    /// <exception cref="Users.ForbiddenException">The actor is not an admin.</exception>
    public async Task<ReclassificationDiff> ApplyAsync(Users.Actor actor, CancellationToken cancellationToken = default)
    {
        actor.RequireAdmin("re-classify history");
        var diff = await DiffAsync(cancellationToken);
        foreach (var batch in diff.Changes.Chunk(BatchSize))
        {
            await ledger.WriteAsync(async tx =>
            {
                var ids = batch.Select(c => c.EventId).ToList();
                var events = await tx.Db.MessageEvents.Include(e => e.Message).Where(e => ids.Contains(e.Id)).ToListAsync(tx.CancellationToken);
                var now = time.GetUtcNow();
                foreach (var evt in events)
                {
                    var change = batch.First(c => c.EventId == evt.Id);
                    var message = evt.Message!;
                    var verdict = ReplyClassifier.Classify(evt.ReplyCode, evt.EnhancedStatus, evt.Response, action: null, PhaseOf(evt.Rule, evt.Detail, evt.Response));
                    var line = message.Reclassify(evt, verdict, change.IsLatest, actor.Name, now);
                    if (change.IsLatest && evt.Type != MessageEventType.BouncedAfterDelivery && verdict.Hard is { } hard && hard != change.OldHard)
                    {
                        line.Suppression = await suppressions.ApplyReclassificationAsync(tx.Db, message, hard, verdict.Reason, evt.OccurredAt, now, actor.Name, tx.CancellationToken);
                    }
                }
            }, cancellationToken);
        }
        return diff;
    }

    /// <summary>
    /// The SMTP command a stored verdict answered, as far as what was stored tells: a bounce report
    /// (its timeline line says so) names it in its diagnostic or not at all; a live reply was to RCPT
    /// unless its rule says MAIL FROM or the message data.
    /// </summary>
    internal static SmtpPhase PhaseOf(string? rule, string? detail, string? response)
    {
        var report = detail is not null && (detail.Contains("report from", StringComparison.OrdinalIgnoreCase)
                                            || detail.Contains("bounced after delivery", StringComparison.OrdinalIgnoreCase));
        if (report)
        {
            return SmtpText.FindCommand(response) ?? SmtpPhase.Unknown;
        }
        return rule switch
        {
            "refused-at-mail-from" => SmtpPhase.Mail,
            "dead-address-after-data" => SmtpPhase.EndOfData,
            _ => SmtpPhase.Rcpt,
        };
    }
}
