using Dashboard.Core.Bounces;
using Dashboard.Core.Classification;
using Dashboard.Core.Data;
using Dashboard.Core.Messages;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Reclassification;

/// <summary>
/// Re-runs the classifier over every stored verdict (the bounce events of every timeline: synchronous
/// replies and asynchronous bounce reports) and says what today's rules read differently.
/// </summary>
public sealed class Reclassifier(IDbContextFactory<DashboardDbContext> dbFactory)
{
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
