using Dashboard.Core.Data;
using Dashboard.Core.Messages;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Suppressions;

/// <summary>Bounces after delivery (failed forwards), newest first, for admins to review.</summary>
public sealed class ForwardingFailureList(IDbContextFactory<DashboardDbContext> dbFactory, TimeProvider time)
{
    /// <summary>One page of bounces after delivery, newest first, each saying whether its address is suppressed now.</summary>
    public async Task<SuppressionPage<ForwardingFailure>> ListAsync(int page = 0, int pageSize = 50, CancellationToken cancellationToken = default)
    {
        pageSize = Math.Clamp(pageSize, 1, 500);
        var active = Suppression.ActiveAt(time.GetUtcNow());
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = db.MessageEvents.AsNoTracking().Where(e => e.Type == MessageEventType.BouncedAfterDelivery);
        var total = await rows.CountAsync(cancellationToken);
        var items = await rows
            .OrderByDescending(e => e.Id)
            .Skip(Math.Max(0, page) * pageSize).Take(pageSize)
            .Select(e => new ForwardingFailure(
                e.Message!.Recipient,
                e.Message.PublicId,
                e.OccurredAt,
                e.Reason,
                e.Response,
                db.Suppressions.Where(active).Any(s => s.Value == e.Message.Recipient || s.Value == e.Message.RecipientDomain)))
            .ToListAsync(cancellationToken);
        return new SuppressionPage<ForwardingFailure>(items, total);
    }
}
