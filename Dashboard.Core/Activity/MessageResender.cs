using Dashboard.Core.Data;
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
    IDbContextFactory<DashboardDbContext> dbFactory,
    SendService sendService,
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
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var resentAs = string.Join(", ", result.Recipients.Select(r => r.PublicId));
        db.MessageEvents.Add(new MessageEvent
        {
            MessageId = request.ResendOfId!.Value,
            OccurredAt = time.GetUtcNow(),
            Type = MessageEventType.Resent,
            Detail = $"Re-sent as {resentAs}",
            Actor = actor.Name,
        });
        await db.SaveChangesAsync(cancellationToken);
        return result;
    }
}
