using System.Globalization;
using Dashboard.Core.Classification;
using Dashboard.Core.Data;
using Dashboard.Core.Messages;
using Dashboard.Core.Sending;
using Dashboard.Core.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Dashboard.Core.Suppressions;

/// <summary>
/// The rules the pipeline applies, inside the caller's unit of work: a hard bounce suppresses for
/// <see cref="SendingOptions.HardBounceSuppressionDays"/>, soft bounces feed the streak, a complaint
/// or an unsubscribe suppresses until an admin removes it, a re-classification adds or lifts. One
/// open entry per value. Every writer of suppressions saves through <see cref="SaveAndAnnounceAsync"/>.
/// </summary>
public sealed class SuppressionRules(
    IOptions<SendingOptions> options,
    SuppressionFeed feed,
    TimeProvider time,
    Webhooks.WebhookOutbox? webhooks = null,
    Erasure.AddressHasher? hasher = null)
{
    /// <summary>The keyed-hash form of an address, under which a forgotten address stays suppressed; null without a key.</summary>
    internal Func<string, string?>? ErasedForm => hasher is { CanHash: true } ? hasher.Hash : null;

    private TimeSpan HardBounceDuration => TimeSpan.FromDays(options.Value.HardBounceSuppressionDays);

    /// <summary>
    /// Applies the rules to one classified result inside the caller's unit of work: a hard bounce
    /// suppresses the address, soft bounces feed the streak, a delivery resets it.
    /// Returns the suppression that now blocks the address because of this result, if any.
    /// </summary>
    internal async Task<Suppression?> ApplyResultAsync(
        DashboardDbContext db, Message message, Verdict verdict, DateTimeOffset now, string actor, CancellationToken cancellationToken)
    {
        if (verdict.Outcome == Outcome.Delivered)
        {
            await ResetStreakAsync(db, message.Recipient, now, cancellationToken);
            return null;
        }
        return verdict.Outcome == Outcome.HardBounce
            ? await HardBounceAsync(db, message, verdict.Reason, now, actor, cancellationToken)
            : await SoftBounceAsync(db, message, verdict.Reason, now, actor, cancellationToken);
    }

    /// <summary>
    /// Applies the rules to a verified report that arrived later, inside the caller's unit of work:
    /// a hard bounce suppresses the address, a soft one feeds the streak, a complaint suppresses until
    /// an admin removes it; delay warnings, auto-replies and success notices change nothing.
    /// Returns the suppression that now blocks the address because of this report, if any.
    /// </summary>
    internal Task<Suppression?> ApplyReportAsync(
        DashboardDbContext db, Message message, Bounces.BounceReport report, DateTimeOffset now, string actor, CancellationToken cancellationToken) =>
        report.Kind switch
        {
            Bounces.BounceKind.Bounce when report.IsDelayWarning => Task.FromResult<Suppression?>(null),
            Bounces.BounceKind.Bounce when report.Hard == true => HardBounceAsync(db, message, report.Reason, now, actor, cancellationToken),
            Bounces.BounceKind.Bounce => SoftBounceAsync(db, message, report.Reason, now, actor, cancellationToken),
            Bounces.BounceKind.Complaint => SuppressAsync(db, message.Recipient, SuppressionReason.SpamComplaint, now, null, message.Id,
                $"Spam complaint ({report.Diagnostic})", actor, cancellationToken),
            _ => Task.FromResult<Suppression?>(null),
        };

    private async Task<Suppression?> HardBounceAsync(
        DashboardDbContext db, Message message, string reason, DateTimeOffset now, string actor, CancellationToken cancellationToken)
    {
        await ResetStreakAsync(db, message.Recipient, now, cancellationToken);
        return await SuppressAsync(db, message.Recipient, SuppressionReason.HardBounce, now, now + HardBounceDuration, message.Id,
            $"{Reasons.Describe(reason)}: {message.LastResponse}", actor, cancellationToken);
    }

    private async Task<Suppression?> SoftBounceAsync(
        DashboardDbContext db, Message message, string reason, DateTimeOffset now, string actor, CancellationToken cancellationToken)
    {
        // Soft bounces about our side (reputation, content, rate, policy) say nothing about the address.
        if (!Reasons.CountsTowardStreak(reason))
        {
            return null;
        }
        var address = message.Recipient;
        var counter = await db.RecipientStreaks.FindAsync([address], cancellationToken);
        if (counter is null)
        {
            counter = new RecipientStreak { Address = address };
            db.RecipientStreaks.Add(counter);
        }
        counter.ConsecutiveSoftBounces++;
        counter.UpdatedAt = now;
        if (counter.ConsecutiveSoftBounces < options.Value.SoftBounceStreakLimit)
        {
            return null;
        }
        counter.Reset(now);
        // Treated as a hard bounce, so it lasts as long as one.
        return await SuppressAsync(db, address, SuppressionReason.SoftBounceStreak, now, now + HardBounceDuration, message.Id,
            $"{options.Value.SoftBounceStreakLimit} soft bounces in a row; the last: {message.LastResponse}", actor, cancellationToken);
    }

    /// <summary>
    /// The suppression rules after a re-classification of a bounce that happened at <paramref name="occurredAt"/>:
    /// soft → hard suppresses the address for what is left of a hard bounce's time (nothing when that is
    /// over); hard → soft lifts the hard-bounce suppression that bounce caused. Both go into the history
    /// with the reason "re-classified". Returns the suppression added, if any.
    /// </summary>
    internal async Task<Suppression?> ApplyReclassificationAsync(DashboardDbContext db, Message message, bool nowHard, string reason,
        DateTimeOffset occurredAt, DateTimeOffset now, string actor, CancellationToken cancellationToken)
    {
        const string Why = "re-classified";
        if (nowHard)
        {
            var until = occurredAt + HardBounceDuration;
            return until <= now ? null : await SuppressAsync(db, message.Recipient, SuppressionReason.HardBounce, now, until, message.Id,
                $"{Why}: {reason}: {message.LastResponse}", actor, cancellationToken);
        }
        var caused = await db.Suppressions
            .Where(s => s.MessageId == message.Id && s.Reason == SuppressionReason.HardBounce)
            .Where(Suppression.ActiveAt(now))
            .ToListAsync(cancellationToken);
        foreach (var s in caused)
        {
            s.RemovedAt = now;
            s.RemovedBy = actor;
            s.RemovalReason = Why;
            db.SuppressionHistory.Add(History(s, SuppressionHistoryAction.Removed, now, actor, $"{Why}: now {reason} (soft)"));
        }
        return null;
    }

    /// <summary>An unsubscribe: suppressed until an admin removes it (with the override). An active one is returned as it is.</summary>
    internal async Task<Suppression> ApplyUnsubscribeAsync(DashboardDbContext db, Message message, DateTimeOffset now, string note, string actor, CancellationToken cancellationToken) =>
        (await SuppressAsync(db, message.Recipient, SuppressionReason.Unsubscribe, now, null, message.Id, note, actor, cancellationToken))!;

    private static async Task ResetStreakAsync(DashboardDbContext db, string address, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var streak = await db.RecipientStreaks.FindAsync([address], cancellationToken);
        if (streak is { ConsecutiveSoftBounces: > 0 })
        {
            streak.Reset(now);
        }
    }

    /// <summary>
    /// Suppresses an address unless it already is: one open entry per address or domain (the database
    /// holds that rule). A permanent reason (a complaint) upgrades a temporary entry (a hard bounce) in
    /// place; otherwise the entry in force is returned and nothing is added.
    /// </summary>
    private static async Task<Suppression?> SuppressAsync(
        DashboardDbContext db, string address, SuppressionReason reason, DateTimeOffset now, DateTimeOffset? expiresAt,
        long? messageId, string? note, string actor, CancellationToken cancellationToken)
    {
        var pending = db.ChangeTracker.Entries<Suppression>()
            .Where(e => e.State == EntityState.Added)
            .Select(e => e.Entity)
            .FirstOrDefault(s => s.Value == address && s.IsActiveAt(now));
        if (pending is not null)
        {
            return pending;
        }
        await CloseLapsedAsync(db, address, now, cancellationToken);
        var existing = await db.Suppressions
            .Where(s => s.Value == address)
            .Where(Suppression.ActiveAt(now))
            .FirstOrDefaultAsync(cancellationToken);
        if (existing is not null)
        {
            if (existing.Reason == reason || existing.ExpiresAt is null || expiresAt is not null)
            {
                return existing;
            }
            // Upgraded in place: the open slot stays taken, and the history says what replaced what.
            var replaced = SuppressionReasons.For(existing.Reason).Words;
            existing.Reason = reason;
            existing.CreatedAt = now;
            existing.CreatedBy = actor;
            existing.ExpiresAt = null;
            existing.MessageId = messageId;
            existing.Note = note;
            db.SuppressionHistory.Add(History(existing, SuppressionHistoryAction.Added, now, actor, $"{note} (replaces the {replaced} entry)".TrimStart()));
            return existing;
        }
        var suppression = new Suppression
        {
            Value = address,
            Scope = SuppressionScope.Address,
            Reason = reason,
            CreatedAt = now,
            ExpiresAt = expiresAt,
            MessageId = messageId,
            Note = note,
            CreatedBy = actor,
        };
        db.Suppressions.Add(suppression);
        db.SuppressionHistory.Add(History(suppression, SuppressionHistoryAction.Added, now, actor, note));
        return suppression;
    }

    /// <summary>
    /// Closes the entries of <paramref name="value"/> whose time is up, writing their "Expired" line, so a
    /// new entry can take the value's one open slot. The sweep does the same for every value.
    /// </summary>
    internal static async Task CloseLapsedAsync(DashboardDbContext db, string value, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var lapsed = await db.Suppressions
            .Where(s => s.Value == value && !s.ExpiryRecorded && s.RemovedAt == null && s.ExpiresAt != null && s.ExpiresAt <= now)
            .ToListAsync(cancellationToken);
        foreach (var s in lapsed)
        {
            RecordExpiry(db, s);
        }
    }

    /// <summary>Marks a lapsed suppression expired and writes its "Expired" line, dated when it lapsed.</summary>
    internal static void RecordExpiry(DashboardDbContext db, Suppression s)
    {
        s.ExpiryRecorded = true;
        // The history says when it expired, not when the sweep noticed.
        db.SuppressionHistory.Add(History(s, SuppressionHistoryAction.Expired, s.ExpiresAt!.Value, Actor.System.Name,
            $"Expired after {(s.ExpiresAt.Value - s.CreatedAt).TotalDays.ToString("0.#", CultureInfo.InvariantCulture)} days"));
    }

    /// <summary>
    /// Saves <paramref name="db"/>, then tells the live pages about every suppression the save added,
    /// lifted or marked expired. Every writer of suppressions saves through here: the pipeline's
    /// automatic ones, an admin's, the expiry sweep.
    /// </summary>
    internal async Task SaveAndAnnounceAsync(DashboardDbContext db, CancellationToken cancellationToken)
    {
        var entries = db.ChangeTracker.Entries<Suppression>()
            .Where(e => e.State == EntityState.Added
                        || e.State == EntityState.Modified && (e.Property(s => s.RemovedAt).IsModified || e.Property(s => s.ExpiryRecorded).IsModified
                            || e.Property(s => s.Reason).IsModified))
            .ToList();
        var changes = entries
            .Select(e => e.State == EntityState.Added || e.Property(s => s.Reason).IsModified
                ? new SuppressionChange(e.Entity.Value, e.Entity.Reason, Added: true, e.Entity.CreatedBy ?? Actor.System.Name, time.GetUtcNow())
                : new SuppressionChange(e.Entity.Value, e.Entity.Reason, Added: false, e.Entity.RemovedBy ?? Actor.System.Name, time.GetUtcNow()))
            .ToList();
        if (webhooks is not null)
        {
            // In the same save: the outbox commits with the suppression it reports.
            foreach (var (change, entry) in changes.Zip(entries))
            {
                await webhooks.AddAsync(db, change.Added ? Webhooks.WebhookEventTypes.SuppressionAdded : Webhooks.WebhookEventTypes.SuppressionRemoved,
                    Webhooks.WebhookPayloads.Suppression(change.Value, change.Reason.ToString(), change.Added, change.By, change.At,
                        change.Added ? entry.Entity.Note : entry.Entity.RemovalReason), cancellationToken);
            }
        }
        await db.SaveChangesAsync(cancellationToken);
        feed.Publish(changes);
        if (changes.Count > 0)
        {
            webhooks?.Wake();
        }
    }

    /// <summary>A history line for <paramref name="s"/>.</summary>
    internal static SuppressionHistory History(Suppression s, SuppressionHistoryAction action, DateTimeOffset at, string actor, string? note) => new()
    {
        Suppression = s,
        Value = s.Value,
        Action = action,
        Reason = s.Reason,
        OccurredAt = at,
        Actor = actor,
        Note = note,
    };
}
