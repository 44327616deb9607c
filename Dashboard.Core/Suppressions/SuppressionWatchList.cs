using Dashboard.Core.Data;
using Dashboard.Core.Messages;
using Dashboard.Core.Sending;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Dashboard.Core.Suppressions;

/// <summary>
/// Addresses on a soft-bounce streak that are not suppressed yet: the ones nearest the limit first,
/// so an admin sees who is about to be blocked and why.
/// </summary>
public sealed class SuppressionWatchList(IDbContextFactory<DashboardDbContext> dbFactory, IOptions<SendingOptions> options)
{
    /// <summary>One page of the watch list, longest streak first (then most recent).</summary>
    public async Task<SuppressionPage<WatchListEntry>> ListAsync(int page = 0, int pageSize = 50, CancellationToken cancellationToken = default)
    {
        pageSize = Math.Clamp(pageSize, 1, 500);
        var limit = options.Value.SoftBounceStreakLimit;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var streaks = db.RecipientStreaks.AsNoTracking().Where(s => s.ConsecutiveSoftBounces > 0);
        var total = await streaks.CountAsync(cancellationToken);
        var rows = await streaks
            .OrderByDescending(s => s.ConsecutiveSoftBounces).ThenByDescending(s => s.UpdatedAt).ThenBy(s => s.Address)
            .Skip(Math.Max(0, page) * pageSize).Take(pageSize)
            .Select(s => new
            {
                s.Address,
                s.ConsecutiveSoftBounces,
                s.UpdatedAt,
                Last = db.Messages
                    .Where(m => m.Recipient == s.Address && m.Status == MessageStatus.SoftBounced)
                    .OrderByDescending(m => m.UpdatedAt)
                    .Select(m => new { m.Reason, m.LastResponse, m.PublicId })
                    .FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);
        var items = rows.Select(r => new WatchListEntry(r.Address, r.ConsecutiveSoftBounces, limit,
            r.Last?.Reason, r.Last?.LastResponse, r.Last?.PublicId, r.UpdatedAt)).ToList();
        return new SuppressionPage<WatchListEntry>(items, total);
    }
}
