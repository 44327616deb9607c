using System.Globalization;
using Dashboard.Core.Data;
using Dashboard.Core.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Dashboard.Core.Suppressions;

/// <summary>
/// The suppression list for people and pages: what is suppressed and its history (queries), and
/// what admins do to it (add, unblock) and the expiry sweep (commands). The rules the pipeline applies
/// live in <see cref="SuppressionRules"/>, which every writer saves through. Activeness is computed
/// from <see cref="Suppression.ExpiresAt"/>, so a 7-day block ends at exactly 7 days; the sweep only
/// writes the "Expired" line of the history.
/// </summary>
public sealed class SuppressionService(
    IDbContextFactory<DashboardDbContext> dbFactory,
    PipelineWriteGate writeGate,
    TimeProvider time,
    SuppressionRules rules,
    ILogger<SuppressionService> logger)
{
    /// <summary>True when an address (or its domain) is suppressed now.</summary>
    public async Task<bool> IsSuppressedAsync(string address, CancellationToken cancellationToken = default) =>
        await FindActiveAsync(address, cancellationToken) is not null;

    /// <summary>The suppression in force now for an address (or its domain), or for a domain; null if none.</summary>
    public async Task<SuppressionView?> FindActiveAsync(string addressOrDomain, CancellationToken cancellationToken = default)
    {
        var (value, _) = SuppressionValue.Normalize(addressOrDomain);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var found = await FindActiveForAsync(db, [value], time.GetUtcNow(), cancellationToken, rules.ErasedForm);
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
            .Where(s => values.Contains(s.Value))
            .Where(Suppression.ActiveAt(now))
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
        await SuppressionRules.CloseLapsedAsync(db, value, now, cancellationToken);
        var existing = await db.Suppressions
            .Where(s => s.Value == value)
            .Where(Suppression.ActiveAt(now))
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
        db.SuppressionHistory.Add(SuppressionRules.History(suppression, SuppressionHistoryAction.Added, now, actor.Name, request.Note));
        try
        {
            await rules.SaveAndAnnounceAsync(db, cancellationToken);
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
            .Where(s => s.Value == normalized && s.Scope == scope)
            .Where(Suppression.ActiveAt(now))
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
            db.SuppressionHistory.Add(SuppressionRules.History(s, SuppressionHistoryAction.Removed, now, actor.Name, note));
        }
        await rules.SaveAndAnnounceAsync(db, cancellationToken);
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
            SuppressionRules.RecordExpiry(db, s);
        }
        await rules.SaveAndAnnounceAsync(db, cancellationToken);
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
        var items = await Newest(rows, query.Page, pageSize)
            .Select(s => new { Suppression = s, MessagePublicId = db.Messages.Where(m => m.Id == s.MessageId).Select(m => m.PublicId).FirstOrDefault() })
            .ToListAsync(cancellationToken);
        return new SuppressionPage<SuppressionView>([.. items.Select(i => ToView(i.Suppression, now) with { MessagePublicId = i.MessagePublicId })], total);
    }

    /// <summary>One page of the list, newest first (read from the (CreatedAt, Id) index, never a sort of every entry).</summary>
    internal static IQueryable<Suppression> Newest(IQueryable<Suppression> rows, int page, int pageSize) =>
        rows.OrderByDescending(s => s.CreatedAt).ThenByDescending(s => s.Id).Skip(Math.Max(0, page) * pageSize).Take(pageSize);

    /// <summary>One page of the history, newest first (read from the (OccurredAt, Id) index).</summary>
    internal static IQueryable<SuppressionHistory> Newest(IQueryable<SuppressionHistory> rows, int page, int pageSize) =>
        rows.OrderByDescending(h => h.OccurredAt).ThenByDescending(h => h.Id).Skip(Math.Max(0, page) * pageSize).Take(pageSize);

    /// <summary>The suppressions a list query's filter (not its paging) selects; the page and the CSV export share it.</summary>
    internal static IQueryable<Suppression> Filter(IQueryable<Suppression> rows, SuppressionListQuery query, DateTimeOffset now)
    {
        if (query.ActiveOnly)
        {
            rows = rows.Where(Suppression.ActiveAt(now));
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
        var items = await Newest(rows, query.Page, pageSize)
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

    private static SuppressionView ToView(Suppression s, DateTimeOffset now) =>
        new(s.Id, s.Value, s.Scope, s.Reason, s.CreatedAt, s.ExpiresAt, s.CreatedBy, s.Note, s.MessageId,
            s.RemovedAt, s.RemovedBy, s.RemovalReason, s.IsActiveAt(now));
}
