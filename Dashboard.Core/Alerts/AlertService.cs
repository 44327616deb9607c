using Dashboard.Core.Data;
using Dashboard.Core.Users;
using Dashboard.Core.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Dashboard.Core.Alerts;

/// <summary>
/// Opens, escalates and closes alerts from <see cref="AlertEvaluator"/>'s readings (one open alert
/// per rule and subject), queues the alert webhooks in the same transaction, mails the admins,
/// and lets users list and acknowledge alerts.
/// </summary>
public sealed class AlertService(
    IDbContextFactory<DashboardDbContext> dbFactory,
    AlertEvaluator evaluator,
    AlertNotifier notifier,
    WebhookOutbox outbox,
    AlertFeed feed,
    TimeProvider time,
    ILogger<AlertService> logger)
{
    private readonly SemaphoreSlim _evaluating = new(1, 1);

    /// <summary>
    /// Evaluates every rule at <paramref name="at"/> (now when null) and opens, escalates or closes
    /// alerts. With <paramref name="notify"/> false (replaying history) nobody is mailed or called.
    /// Returns the alerts opened and closed.
    /// </summary>
    public async Task<(IReadOnlyList<Alert> Opened, IReadOnlyList<Alert> Closed)> EvaluateAsync(
        DateTimeOffset? at = null, bool notify = true, CancellationToken cancellationToken = default)
    {
        var moment = at ?? time.GetUtcNow();
        var readings = await evaluator.ReadAsync(moment, cancellationToken);
        List<Alert> opened = [], closed = [], changed = [];
        await _evaluating.WaitAsync(cancellationToken);
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var open = await db.Alerts.Where(a => a.ClosedAt == null).ToListAsync(cancellationToken);
            foreach (var reading in readings)
            {
                var alert = open.FirstOrDefault(a => a.Rule == reading.Rule && a.Subject == reading.Subject);
                if (alert is null)
                {
                    if (reading is { Judged: true, Severity: { } severity })
                    {
                        alert = new Alert
                        {
                            Rule = reading.Rule,
                            Subject = reading.Subject,
                            Severity = severity,
                            OpenedAt = moment,
                            OpenedValue = reading.Value,
                            PeakValue = reading.Value,
                            LastValue = reading.Value,
                            Threshold = reading.Threshold,
                            Summary = reading.Summary,
                            WindowFrom = reading.WindowFrom,
                            WindowTo = reading.WindowTo,
                        };
                        db.Alerts.Add(alert);
                        opened.Add(alert);
                    }
                    continue;
                }
                Update(alert, reading, moment, closed, changed);
            }
            // A provider or cluster with no reading at all has nothing left: its figure is zero.
            foreach (var alert in open.Where(a => !readings.Any(r => r.Rule == a.Rule && r.Subject == a.Subject)))
            {
                alert.LastValue = 0;
                alert.ClosedAt = moment;
                closed.Add(alert);
            }
            await db.SaveChangesAsync(cancellationToken);
            if (notify)
            {
                foreach (var alert in opened)
                {
                    await outbox.AddAsync(db, WebhookEventTypes.AlertOpened, WebhookPayloads.Alert(alert), cancellationToken);
                }
                foreach (var alert in closed)
                {
                    await outbox.AddAsync(db, WebhookEventTypes.AlertClosed, WebhookPayloads.Alert(alert), cancellationToken);
                }
                await db.SaveChangesAsync(cancellationToken);
            }
            await transaction.CommitAsync(cancellationToken);
        }
        finally
        {
            _evaluating.Release();
        }

        var all = opened.Concat(closed).Concat(changed).ToList();
        feed.Publish([.. all.Select(a => new AlertChange(a.Id, moment))]);
        if (notify && opened.Count + closed.Count > 0)
        {
            outbox.Wake();
            foreach (var alert in opened)
            {
                logger.LogWarning("Alert opened: {Summary}", alert.Summary);
            }
            await notifier.NotifyAsync(opened, closed, cancellationToken);
        }
        return (opened, closed);
    }

    /// <summary>Evaluates each hour of [<paramref name="from"/>, <paramref name="to"/>) at its end, without notifying: fills the alert history for back-dated mail.</summary>
    public async Task ReplayAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default)
    {
        var hour = new DateTimeOffset(from.UtcTicks - from.UtcTicks % TimeSpan.TicksPerHour, TimeSpan.Zero);
        for (; hour < to; hour = hour.AddHours(1))
        {
            await EvaluateAsync(hour.AddHours(1).AddTicks(-1), notify: false, cancellationToken);
        }
    }

    /// <summary>Open alerts nobody has acknowledged yet, worst first: the banner.</summary>
    public async Task<IReadOnlyList<Alert>> ListUnacknowledgedAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var alerts = await db.Alerts.AsNoTracking().Where(a => a.ClosedAt == null && a.AcknowledgedAt == null).ToListAsync(cancellationToken);
        return [.. alerts.OrderByDescending(a => a.Severity).ThenByDescending(a => a.OpenedAt)];
    }

    /// <summary>Open alerts first, then the latest closed ones.</summary>
    public async Task<IReadOnlyList<Alert>> ListAsync(int take = 200, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var alerts = await db.Alerts.AsNoTracking().OrderByDescending(a => a.Id).Take(take).ToListAsync(cancellationToken);
        return [.. alerts.OrderBy(a => a.IsOpen ? 0 : 1).ThenByDescending(a => a.OpenedAt)];
    }

    /// <summary>Marks an alert as seen by <paramref name="actor"/>: the banner hides it (it stays open until its figure recovers).</summary>
    public async Task AcknowledgeAsync(long id, Actor actor, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            var alert = await db.Alerts.FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
            if (alert is null || alert.AcknowledgedAt is not null)
            {
                return;
            }
            alert.AcknowledgedAt = now;
            alert.AcknowledgedBy = actor.Name;
            await db.SaveChangesAsync(cancellationToken);
        }
        feed.Publish([new AlertChange(id, now)]);
    }

    private static void Update(Alert alert, AlertReading reading, DateTimeOffset moment, List<Alert> closed, List<Alert> changed)
    {
        alert.LastValue = reading.Value;
        if (!reading.Judged)
        {
            return; // too little mail to say either way
        }
        alert.PeakValue = Math.Max(alert.PeakValue, reading.Value);
        if (reading.Value < reading.CloseBelow)
        {
            alert.ClosedAt = moment;
            closed.Add(alert);
        }
        else if (reading.Severity > alert.Severity)
        {
            // Worse than when it was seen: show it again.
            alert.Severity = reading.Severity.Value;
            alert.Threshold = reading.Threshold;
            alert.Summary = reading.Summary;
            alert.AcknowledgedAt = null;
            alert.AcknowledgedBy = null;
            changed.Add(alert);
        }
    }
}
