using System.Globalization;
using Dashboard.Core.Classification;
using Dashboard.Core.Data;
using Dashboard.Core.Messages;
using Dashboard.Core.Sending;
using Dashboard.Core.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dashboard.Core.Suppressions;

/// <summary>
/// The suppression list and its rules: who may not be mailed, why, until when, and every change in
/// the history. Activeness is computed from <see cref="Suppression.ExpiresAt"/>, so a 7-day block
/// ends at exactly 7 days; the sweep only writes the "Expired" line of the history.
/// </summary>
public sealed class SuppressionService(
    IDbContextFactory<DashboardDbContext> dbFactory,
    PipelineWriteGate writeGate,
    TimeProvider time,
    IOptions<SendingOptions> options,
    SuppressionFeed feed,
    ILogger<SuppressionService> logger,
    Webhooks.WebhookOutbox? webhooks = null,
    Erasure.AddressHasher? hasher = null)
{
    /// <summary>The keyed-hash form of an address, under which a forgotten address stays suppressed; null without a key.</summary>
    internal Func<string, string?>? ErasedForm => hasher is { CanHash: true } ? hasher.Hash : null;

    private TimeSpan HardBounceDuration => TimeSpan.FromDays(options.Value.HardBounceSuppressionDays);

    /// <summary>True when an address (or its domain) is suppressed now.</summary>
    public async Task<bool> IsSuppressedAsync(string address, CancellationToken cancellationToken = default) =>
        await FindActiveAsync(address, cancellationToken) is not null;

    /// <summary>The suppression in force now for an address (or its domain), or for a domain; null if none.</summary>
    public async Task<SuppressionView?> FindActiveAsync(string addressOrDomain, CancellationToken cancellationToken = default)
    {
        var (value, _) = SuppressionValue.Normalize(addressOrDomain);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var found = await FindActiveForAsync(db, [value], time.GetUtcNow(), cancellationToken, ErasedForm);
        return found.TryGetValue(value, out var s) ? ToView(s, time.GetUtcNow()) : null;
    }

    /// <summary>
    /// Active suppressions for each of <paramref name="addresses"/> (lower-case), by address:
    /// an address suppression wins over its domain's.
    /// </summary>
    internal static async Task<Dictionary<string, Suppression>> FindActiveForAsync(
        DashboardDbContext db, IReadOnlyCollection<string> addresses, DateTimeOffset now, CancellationToken cancellationToken,
        Func<string, string?>? erasedForm = null)
    {
        var domains = addresses.Select(SuppressionValue.DomainOf).Distinct().ToList();
        // A forgotten address is on the list only as its keyed hash: look for that form too.
        var erased = erasedForm is null ? [] : addresses.Select(erasedForm).OfType<string>().ToList();
        var values = addresses.Concat(domains).Concat(erased).Distinct().ToList();
        var rows = await db.Suppressions.AsNoTracking()
            .Where(s => values.Contains(s.Value) && s.RemovedAt == null && (s.ExpiresAt == null || s.ExpiresAt > now))
            .OrderBy(s => s.CreatedAt)
            .ToListAsync(cancellationToken);
        var result = new Dictionary<string, Suppression>();
        foreach (var address in addresses)
        {
            var hashed = erasedForm?.Invoke(address);
            var match = rows.FirstOrDefault(s => s.Scope == SuppressionScope.Address && (s.Value == address || s.Value == hashed))
                ?? rows.FirstOrDefault(s => s.Scope == SuppressionScope.Domain && s.Value == SuppressionValue.DomainOf(address));
            if (match is not null)
            {
                result[address] = match;
            }
        }
        return result;
    }

    /// <summary>
    /// Applies the rules to one classified result inside the caller's unit of work: a hard bounce
    /// suppresses the address, soft bounces feed the streak, a delivery resets it.
    /// Returns the suppression that now blocks the address because of this result, if any.
    /// </summary>
    internal Task<Suppression?> ApplyResultAsync(
        DashboardDbContext db, Message message, Verdict verdict, DateTimeOffset now, string actor, CancellationToken cancellationToken) =>
        verdict.Outcome switch
        {
            Outcome.Delivered => ResetStreakAsync(db, message.Recipient, now, cancellationToken),
            Outcome.HardBounce => HardBounceAsync(db, message, verdict.Reason, now, actor, cancellationToken),
            _ => SoftBounceAsync(db, message, verdict.Reason, now, actor, cancellationToken),
        };

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
        counter.ConsecutiveSoftBounces = 0;
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
            .Where(s => s.MessageId == message.Id && s.Reason == SuppressionReason.HardBounce && s.RemovedAt == null && (s.ExpiresAt == null || s.ExpiresAt > now))
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

    private static async Task<Suppression?> ResetStreakAsync(DashboardDbContext db, string address, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var streak = await db.RecipientStreaks.FindAsync([address], cancellationToken);
        if (streak is { ConsecutiveSoftBounces: > 0 })
        {
            streak.ConsecutiveSoftBounces = 0;
            streak.UpdatedAt = now;
        }
        return null;
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
            .Where(s => s.Value == address && s.RemovedAt == null && (s.ExpiresAt == null || s.ExpiresAt > now))
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
    private static async Task CloseLapsedAsync(DashboardDbContext db, string value, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var lapsed = await db.Suppressions
            .Where(s => s.Value == value && !s.ExpiryRecorded && s.RemovedAt == null && s.ExpiresAt != null && s.ExpiresAt <= now)
            .ToListAsync(cancellationToken);
        foreach (var s in lapsed)
        {
            RecordExpiry(db, s);
        }
    }

    private static void RecordExpiry(DashboardDbContext db, Suppression s)
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

    /// <summary>Adds a suppression by hand. Admins only.</summary>
    /// <exception cref="Users.ForbiddenException">The actor is not an admin.</exception>
    /// <exception cref="SuppressionValidationException">The value is not an address or a domain, or the expiry is past.</exception>
    /// <exception cref="SuppressionExistsException">The address or domain is already suppressed (that entry is named).</exception>
    public async Task<SuppressionView> AddAsync(AddSuppressionRequest request, Actor actor, CancellationToken cancellationToken = default)
    {
        actor.RequireAdmin("add a suppression");
        var (value, scope) = SuppressionValue.Normalize(request.Value);
        if (!SuppressionValue.IsValid(value, scope))
        {
            throw new SuppressionValidationException(SuppressionField.Value, $"\"{request.Value}\" is neither an email address nor a domain.");
        }
        var now = time.GetUtcNow();
        if (request.ExpiresAt is { } expires && expires <= now)
        {
            throw new SuppressionValidationException(SuppressionField.ExpiresAt, "The expiry must be in the future.");
        }
        using var writing = await writeGate.EnterAsync(cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await CloseLapsedAsync(db, value, now, cancellationToken);
        var existing = await db.Suppressions
            .Where(s => s.Value == value && s.RemovedAt == null && (s.ExpiresAt == null || s.ExpiresAt > now))
            .FirstOrDefaultAsync(cancellationToken);
        if (existing is not null)
        {
            throw new SuppressionExistsException(ToView(existing, now));
        }
        var suppression = new Suppression
        {
            Value = value,
            Scope = scope,
            Reason = request.Reason,
            CreatedAt = now,
            ExpiresAt = request.ExpiresAt,
            Note = request.Note,
            CreatedBy = actor.Name,
        };
        db.Suppressions.Add(suppression);
        db.SuppressionHistory.Add(History(suppression, SuppressionHistoryAction.Added, now, actor.Name, request.Note));
        try
        {
            await SaveAndAnnounceAsync(db, cancellationToken);
        }
        catch (DbUpdateException ex) when (DatabaseErrors.IsUniqueViolation(ex))
        {
            // Another writer (another app instance on the same database) added it between the check and the save.
            await using var fresh = await dbFactory.CreateDbContextAsync(cancellationToken);
            var winner = await fresh.Suppressions.AsNoTracking()
                .Where(s => s.Value == value && s.RemovedAt == null && !s.ExpiryRecorded)
                .FirstAsync(cancellationToken);
            throw new SuppressionExistsException(ToView(winner, now));
        }
        logger.LogInformation("{Actor} suppressed {Value} ({Reason})", actor.Name, value, request.Reason);
        return ToView(suppression, now);
    }

    /// <summary>
    /// Removes every active suppression of <paramref name="value"/> (an address or a domain). Admins only,
    /// with a reason. Complaints and unsubscribes are removed only with <paramref name="acknowledgeOverride"/>.
    /// </summary>
    /// <returns>How many suppressions were removed (0: none was active).</returns>
    /// <exception cref="Users.ForbiddenException">The actor is not an admin.</exception>
    /// <exception cref="SuppressionValidationException">No reason was given.</exception>
    /// <exception cref="SuppressionOverrideRequiredException">A complaint or unsubscribe needs the override.</exception>
    public async Task<int> UnblockAsync(string value, string reason, Actor actor, bool acknowledgeOverride = false, CancellationToken cancellationToken = default)
    {
        actor.RequireAdmin("remove a suppression");
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new SuppressionValidationException(SuppressionField.RemovalReason, "Say why the suppression is removed: the reason goes into the history.");
        }
        var (normalized, scope) = SuppressionValue.Normalize(value);
        using var writing = await writeGate.EnterAsync(cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow();
        var active = await db.Suppressions
            .Where(s => s.Value == normalized && s.Scope == scope && s.RemovedAt == null && (s.ExpiresAt == null || s.ExpiresAt > now))
            .ToListAsync(cancellationToken);
        var protectedOne = active.FirstOrDefault(s => SuppressionReasons.For(s.Reason).Protected);
        if (protectedOne is not null && !acknowledgeOverride)
        {
            throw new SuppressionOverrideRequiredException(normalized, protectedOne.Reason);
        }
        foreach (var s in active)
        {
            s.RemovedAt = now;
            s.RemovedBy = actor.Name;
            s.RemovalReason = reason.Trim();
            var note = SuppressionReasons.For(s.Reason).Protected
                ? $"{reason.Trim()} (override of a {SuppressionReasons.For(s.Reason).Words} acknowledged)"
                : reason.Trim();
            db.SuppressionHistory.Add(History(s, SuppressionHistoryAction.Removed, now, actor.Name, note));
        }
        await SaveAndAnnounceAsync(db, cancellationToken);
        if (active.Count > 0)
        {
            logger.LogInformation("{Actor} removed {Count} suppression(s) of {Value}: {Reason}", actor.Name, active.Count, normalized, reason);
        }
        return active.Count;
    }

    /// <summary>Writes the "Expired" history line for every suppression whose time is up. Returns how many.</summary>
    public async Task<int> SweepExpiredAsync(CancellationToken cancellationToken = default)
    {
        using var writing = await writeGate.EnterAsync(cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow();
        var expired = await db.Suppressions
            .Where(s => !s.ExpiryRecorded && s.RemovedAt == null && s.ExpiresAt != null && s.ExpiresAt <= now)
            .OrderBy(s => s.ExpiresAt)
            .Take(1000)
            .ToListAsync(cancellationToken);
        foreach (var s in expired)
        {
            RecordExpiry(db, s);
        }
        await SaveAndAnnounceAsync(db, cancellationToken);
        return expired.Count;
    }

    /// <summary>One page of suppressions, newest first.</summary>
    public async Task<SuppressionPage<SuppressionView>> ListAsync(SuppressionListQuery query, CancellationToken cancellationToken = default)
    {
        var pageSize = Math.Clamp(query.PageSize, 1, 500);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow();
        var rows = Filter(db.Suppressions.AsNoTracking(), query, now);
        var total = await rows.CountAsync(cancellationToken);
        var items = await rows
            .OrderByDescending(s => s.CreatedAt).ThenByDescending(s => s.Id)
            .Skip(Math.Max(0, query.Page) * pageSize).Take(pageSize)
            .Select(s => new SuppressionView(s.Id, s.Value, s.Scope, s.Reason, s.CreatedAt, s.ExpiresAt, s.CreatedBy, s.Note, s.MessageId,
                s.RemovedAt, s.RemovedBy, s.RemovalReason, s.RemovedAt == null && (s.ExpiresAt == null || s.ExpiresAt > now),
                db.Messages.Where(m => m.Id == s.MessageId).Select(m => m.PublicId).FirstOrDefault()))
            .ToListAsync(cancellationToken);
        return new SuppressionPage<SuppressionView>(items, total);
    }

    /// <summary>The suppressions a list query's filter (not its paging) selects; the page and the CSV export share it.</summary>
    internal static IQueryable<Suppression> Filter(IQueryable<Suppression> rows, SuppressionListQuery query, DateTimeOffset now)
    {
        if (query.ActiveOnly)
        {
            rows = rows.Where(s => s.RemovedAt == null && (s.ExpiresAt == null || s.ExpiresAt > now));
        }
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var search = query.Search.Trim().ToLowerInvariant();
            rows = rows.Where(s => s.Value.Contains(search));
        }
        if (query.Reason is { } reason)
        {
            rows = rows.Where(s => s.Reason == reason);
        }
        return rows;
    }

    /// <summary>One page of the history (of one address or domain when <paramref name="value"/> is set), newest first.</summary>
    public Task<SuppressionPage<SuppressionHistoryView>> HistoryAsync(string? value = null, int page = 0, int pageSize = 50, CancellationToken cancellationToken = default) =>
        HistoryAsync(new SuppressionHistoryQuery(value, Page: page, PageSize: pageSize), cancellationToken);

    /// <summary>One page of the history, newest first, filtered as the list is (search and reason).</summary>
    public async Task<SuppressionPage<SuppressionHistoryView>> HistoryAsync(SuppressionHistoryQuery query, CancellationToken cancellationToken = default)
    {
        var pageSize = Math.Clamp(query.PageSize, 1, 500);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = db.SuppressionHistory.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query.Value))
        {
            var (normalized, _) = SuppressionValue.Normalize(query.Value);
            rows = rows.Where(h => h.Value == normalized);
        }
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var search = query.Search.Trim().ToLowerInvariant();
            rows = rows.Where(h => h.Value.Contains(search));
        }
        if (query.Reason is { } reason)
        {
            rows = rows.Where(h => h.Reason == reason);
        }
        var total = await rows.CountAsync(cancellationToken);
        var items = await rows
            .OrderByDescending(h => h.OccurredAt).ThenByDescending(h => h.Id)
            .Skip(Math.Max(0, query.Page) * pageSize).Take(pageSize)
            .Select(h => new SuppressionHistoryView(h.Id, h.SuppressionId, h.Value, h.Action, h.Reason, h.OccurredAt, h.Actor, h.Note))
            .ToListAsync(cancellationToken);
        return new SuppressionPage<SuppressionHistoryView>(items, total);
    }

    /// <summary>How a suppression reads on a timeline: "hard bounce on 3 Mar, until 10 Mar: note".</summary>
    internal static string Describe(Suppression s)
    {
        var what = s.Scope == SuppressionScope.Domain ? $"the domain {s.Value}" : s.Value;
        var until = s.ExpiresAt is { } e ? string.Create(CultureInfo.InvariantCulture, $"until {e:yyyy-MM-dd HH:mm} UTC") : "until removed";
        var note = string.IsNullOrWhiteSpace(s.Note) ? "" : $" ({s.Note})";
        return string.Create(CultureInfo.InvariantCulture, $"{what} is suppressed: {SuppressionReasons.For(s.Reason).Words} since {s.CreatedAt:yyyy-MM-dd HH:mm} UTC, {until}{note}");
    }

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

    private static SuppressionView ToView(Suppression s, DateTimeOffset now) =>
        new(s.Id, s.Value, s.Scope, s.Reason, s.CreatedAt, s.ExpiresAt, s.CreatedBy, s.Note, s.MessageId,
            s.RemovedAt, s.RemovedBy, s.RemovalReason, s.IsActiveAt(now));
}
