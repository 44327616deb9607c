using System.Text;
using Dashboard.Core.Data;
using Dashboard.Core.Suppressions;
using Dashboard.Core.Users;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Erasure;

/// <summary>
/// "Forget an address" (a data subject's request to be erased): the address and the content sent to it
/// are erased from messages and their events, and unmatched mail from or to it is deleted. On the
/// suppression list (and its history) the address is replaced by its keyed hash, so it stays
/// suppressed: a later send to it is still rejected. The change is in the audit log, under the hash.
/// Message counts, statuses and report figures stay; the recipient's domain stays for the reports.
/// </summary>
public sealed class AddressEraser(
    IDbContextFactory<DashboardDbContext> dbFactory,
    PipelineWriteGate writeGate,
    AddressHasher hasher,
    TimeProvider time)
{
    /// <summary>What stands in the recipient's place, and in texts where the address was.</summary>
    public const string Placeholder = "[erased]";

    /// <summary>Forgets <paramref name="address"/>. Admins only.</summary>
    /// <exception cref="ForbiddenException">The actor is not an admin.</exception>
    /// <exception cref="SuppressionValidationException">Not an address.</exception>
    /// <exception cref="InvalidOperationException">No key is configured for the hash.</exception>
    public async Task<ForgetResult> ForgetAsync(string address, Actor actor, CancellationToken cancellationToken = default)
    {
        actor.RequireAdmin("forget an address");
        var (value, scope) = SuppressionValue.Normalize(address);
        if (scope != SuppressionScope.Address || !SuppressionValue.IsValid(value, scope))
        {
            throw new SuppressionValidationException(SuppressionField.Value, $"\"{address}\" is not an email address.");
        }
        var hash = hasher.Hash(value)
            ?? throw new InvalidOperationException("Set Erasure:HashKey (or ReturnPath:SigningKey), a secret of 32+ characters: a forgotten address stays suppressed as a keyed hash.");

        using var _ = await writeGate.EnterAsync(cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

        var messages = await db.Messages.Where(m => m.Recipient == value).ToListAsync(cancellationToken);
        var ids = messages.Select(m => m.Id).ToList();
        var contentIds = messages.Select(m => m.ContentId).OfType<long>().Distinct().ToList();
        var events = await db.MessageEvents.Where(e => ids.Contains(e.MessageId)).ToListAsync(cancellationToken);
        var now = time.GetUtcNow();
        foreach (var message in messages)
        {
            message.Forget(Placeholder, text => Scrub(text, value), now);
        }
        foreach (var evt in events)
        {
            evt.Response = Scrub(evt.Response, value);
            evt.Detail = Scrub(evt.Detail, value);
            evt.Evidence = Scrub(evt.Evidence, value);
        }

        var suppressions = await db.Suppressions.Where(s => s.Value == value).ToListAsync(cancellationToken);
        foreach (var suppression in suppressions)
        {
            suppression.Value = hash;
            suppression.Note = Scrub(suppression.Note, value);
        }
        var history = await db.SuppressionHistory.Where(h => h.Value == value).ToListAsync(cancellationToken);
        foreach (var line in history)
        {
            line.Value = hash;
            line.Note = Scrub(line.Note, value);
        }
        await db.RecipientStreaks.Where(s => s.Address == value).ExecuteDeleteAsync(cancellationToken);
        var unmatched = await db.UnmatchedBounces.Where(u => u.EnvelopeFrom == value || u.EnvelopeTo == value).ExecuteDeleteAsync(cancellationToken);

        var result = new ForgetResult(hash, messages.Count, events.Count, suppressions.Count, history.Count, unmatched);
        db.AuditEntries.Add(new AuditEntry
        {
            OccurredAt = now,
            Actor = actor.Name,
            Action = "address.forgotten",
            Target = hash,
            Detail = $"{result.Messages} message(s), {result.Events} event(s), {result.Suppressions} suppression(s) kept as the hash, {result.UnmatchedMail} unmatched mail(s) deleted",
        });
        await db.SaveChangesAsync(cancellationToken);
        // Bodies no other message shares go at once (a shared one stays for its other recipients).
        await db.MessageContents.Where(c => contentIds.Contains(c.Id) && !db.Messages.Any(m => m.ContentId == c.Id))
            .ExecuteDeleteAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return result;
    }

    // Every spelling of the address (any case) in a text gives way to the placeholder.
    private static string? Scrub(string? text, string address)
    {
        if (string.IsNullOrEmpty(text) || text.IndexOf(address, StringComparison.OrdinalIgnoreCase) < 0)
        {
            return text;
        }
        var result = new StringBuilder(text.Length);
        var at = 0;
        for (var found = text.IndexOf(address, StringComparison.OrdinalIgnoreCase); found >= 0;
             found = text.IndexOf(address, at, StringComparison.OrdinalIgnoreCase))
        {
            result.Append(text, at, found - at).Append(Placeholder);
            at = found + address.Length;
        }
        return result.Append(text, at, text.Length - at).ToString();
    }
}
