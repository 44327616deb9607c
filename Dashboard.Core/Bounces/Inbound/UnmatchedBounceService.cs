using Dashboard.Core.Data;
using Dashboard.Core.Messages;
using Dashboard.Core.Suppressions;
using Dashboard.Core.Users;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Bounces.Inbound;

/// <summary>
/// The Unmatched list: inbound mail that could not be read or matched, and unverified reports (matched
/// only by Message-ID), kept for admins to inspect; an admin may accept an unverified report, which then acts.
/// </summary>
public sealed class UnmatchedBounceService(IDbContextFactory<DashboardDbContext> dbFactory, MessageLedger ledger, TimeProvider time)
{
    /// <summary>How much of a raw message the page shows; the rest is downloaded. 64 KB.</summary>
    public const int PreviewBytes = 64 * 1024;

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
            .Select(u => new UnmatchedBounceView(u.Id, u.ReceivedAt, u.EnvelopeFrom, u.EnvelopeTo, u.Subject, u.Why, u.Raw.Length,
                db.Messages.Where(m => m.Id == u.MessageId).Select(m => m.PublicId).FirstOrDefault(), u.AcceptedAt, u.AcceptedBy))
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

    /// <summary>
    /// The first <see cref="PreviewBytes"/> of the raw message and its whole size, read without
    /// loading the rest; null when there is no such entry. Admins only.
    /// </summary>
    public async Task<(byte[] Start, int SizeBytes)?> GetPreviewAsync(long id, Actor actor, CancellationToken cancellationToken = default)
    {
        actor.RequireAdmin("read an unmatched bounce");
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.Database.OpenConnectionAsync(cancellationToken);
        await using var command = db.Database.GetDbConnection().CreateCommand();
        // One text for SQLite and PostgreSQL: both have substr and length on bytes, and @ parameters.
        command.CommandText = "SELECT substr(\"Raw\", 1, @n), length(\"Raw\") FROM \"UnmatchedBounces\" WHERE \"Id\" = @id";
        var n = command.CreateParameter();
        n.ParameterName = "@n";
        n.Value = PreviewBytes;
        var key = command.CreateParameter();
        key.ParameterName = "@id";
        key.Value = id;
        command.Parameters.Add(n);
        command.Parameters.Add(key);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }
        return ((byte[])reader.GetValue(0), reader.GetInt32(1));
    }

    /// <summary>
    /// Accepts an unverified report: an admin vouches for it, so it acts as a verified one would on the
    /// message it names (status, suppression, bounce rate). Only the reports in it about that message's
    /// recipient act. Returns how many acted.
    /// </summary>
    /// <exception cref="ForbiddenException">The actor is not an admin.</exception>
    /// <exception cref="InvalidOperationException">It is not an unverified report, or was accepted already.</exception>
    public async Task<int> AcceptAsync(long id, Actor actor, CancellationToken cancellationToken = default)
    {
        actor.RequireAdmin("accept an unverified report");
        return await ledger.WriteAsync(async tx =>
        {
            var kept = await tx.Db.UnmatchedBounces.FirstOrDefaultAsync(u => u.Id == id, tx.CancellationToken)
                ?? throw new InvalidOperationException("There is no such kept mail.");
            if (kept.MessageId is not { } messageId || kept.AcceptedAt is not null)
            {
                throw new InvalidOperationException(kept.AcceptedAt is null
                    ? "This mail names none of our messages, so there is nothing to accept it for."
                    : $"{kept.AcceptedBy} accepted it already.");
            }
            var message = await tx.Db.Messages.SingleAsync(m => m.Id == messageId, tx.CancellationToken);
            var now = time.GetUtcNow();
            var acted = 0;
            foreach (var report in BounceParser.Parse(kept.Raw).Where(r => r.IsAbout(message.Recipient)))
            {
                await tx.RecordReportAsync(message, report,
                    $"Unverified report from {kept.EnvelopeFrom ?? "<>"} about {report.Recipient}, accepted by {actor.Name}", now);
                acted++;
            }
            kept.AcceptedAt = now;
            kept.AcceptedBy = actor.Name;
            return acted;
        }, cancellationToken);
    }
}
