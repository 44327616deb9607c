using Dashboard.Core.Data;
using Dashboard.Core.Messages;
using Dashboard.Core.Sending;
using Dashboard.Core.Users;
using Microsoft.EntityFrameworkCore;
using MimeKit;

namespace Dashboard.Core.Activity;

/// <summary>
/// Sends a stored message again, to the same recipient, as a new message linked to the old one.
/// It goes through the normal pipeline, so a suppressed address is rejected as usual.
/// </summary>
public sealed class MessageResender(
    IDbContextFactory<DashboardDbContext> dbFactory,
    SendService sendService,
    MessageLedger ledger,
    ActivityQueryService queries,
    TimeProvider time)
{
    /// <summary>Re-sends the message <paramref name="publicId"/> on behalf of <paramref name="actor"/>.</summary>
    /// <exception cref="InvalidOperationException">The message or its stored content does not exist.</exception>
    public async Task<SendResult> ResendAsync(string publicId, Actor actor, CancellationToken cancellationToken = default)
    {
        var request = await BuildRequestAsync(publicId, cancellationToken);
        var result = await sendService.SendAsync(request, actor, cancellationToken);

        // The new row carries ResendOfId (the link back); this event is the link forward.
        var resentAs = string.Join(", ", result.Recipients.Select(r => r.PublicId));
        await ledger.WriteAsync(async tx =>
        {
            var original = await tx.Db.Messages.SingleAsync(m => m.Id == request.ResendOfId!.Value, tx.CancellationToken);
            original.RecordResent(resentAs, actor.Name, time.GetUtcNow());
        }, cancellationToken);
        return result;
    }

    /// <summary>A request that repeats the stored message: same sender, recipient, subject and bodies, linked to it.</summary>
    /// <exception cref="InvalidOperationException">The message or its stored content does not exist.</exception>
    public async Task<SendRequest> BuildRequestAsync(string publicId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var message = await db.Messages.AsNoTracking()
            .Where(m => m.PublicId == publicId)
            .Select(m => new { m.Id, m.Sender, m.Recipient, m.Subject })
            .SingleOrDefaultAsync(cancellationToken)
            ?? throw new InvalidOperationException($"There is no message {publicId}.");
        var mime = await queries.GetMimeAsync(publicId, cancellationToken)
            ?? throw new InvalidOperationException("The message's content was not stored, so it cannot be re-sent.");
        using var parsed = await MimeMessage.LoadAsync(new MemoryStream(mime), cancellationToken);
        return new SendRequest(message.Sender, [message.Recipient], message.Subject, parsed.TextBody, parsed.HtmlBody, MessageSource.Resend)
        {
            ResendOfId = message.Id,
        };
    }
}
