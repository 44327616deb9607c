using Dashboard.Core.Messages;
using Dashboard.Core.Sending;
using Dashboard.Core.Users;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Activity;

/// <summary>
/// Sends a stored message again, to the same recipient, as a new message linked to the old one.
/// It goes through the normal pipeline, so a suppressed address is rejected as usual.
/// </summary>
public sealed class MessageResender(
    SendService sendService,
    MessageLedger ledger,
    ActivityQueryService queries,
    TimeProvider time)
{
    /// <summary>Re-sends the message <paramref name="publicId"/> on behalf of <paramref name="actor"/>.</summary>
    /// <exception cref="InvalidOperationException">The message or its stored content does not exist.</exception>
    public async Task<SendResult> ResendAsync(string publicId, Actor actor, CancellationToken cancellationToken = default)
    {
        var request = await queries.BuildResendRequestAsync(publicId, cancellationToken);
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
}
