using Dashboard.Core.Data;
using Dashboard.Core.Suppressions;
using Dashboard.Core.Users;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Bounces.Inbound;

/// <summary>The Unmatched list: inbound mail that could not be read or matched, kept for admins to inspect.</summary>
public sealed class UnmatchedBounceService(IDbContextFactory<DashboardDbContext> dbFactory)
{
    /// <summary>One page, newest first. Admins only: the raw mail may contain anyone's data.</summary>
    public async Task<SuppressionPage<UnmatchedBounceView>> ListAsync(Actor actor, int page = 0, int pageSize = 50, CancellationToken cancellationToken = default)
    {
        actor.RequireAdmin("see unmatched bounces");
        pageSize = Math.Clamp(pageSize, 1, 500);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var total = await db.UnmatchedBounces.CountAsync(cancellationToken);
        var items = await db.UnmatchedBounces.AsNoTracking()
            .OrderByDescending(u => u.ReceivedAt).ThenByDescending(u => u.Id)
            .Skip(Math.Max(0, page) * pageSize).Take(pageSize)
            .Select(u => new UnmatchedBounceView(u.Id, u.ReceivedAt, u.EnvelopeFrom, u.EnvelopeTo, u.Subject, u.Why, u.Raw.Length))
            .ToListAsync(cancellationToken);
        return new SuppressionPage<UnmatchedBounceView>(items, total);
    }

    /// <summary>The raw message as received, or null when there is no such entry. Admins only.</summary>
    public async Task<byte[]?> GetRawAsync(long id, Actor actor, CancellationToken cancellationToken = default)
    {
        actor.RequireAdmin("read an unmatched bounce");
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.UnmatchedBounces.AsNoTracking().Where(u => u.Id == id).Select(u => u.Raw).FirstOrDefaultAsync(cancellationToken);
    }
}
