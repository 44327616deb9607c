using Dashboard.Core.Data;
using Dashboard.Core.Messages;
using Dashboard.Core.Suppressions;
using Dashboard.Core.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Dashboard.Core.Unsubscribe;

/// <summary>How an unsubscribe request arrived.</summary>
public enum UnsubscribeChannel
{
    /// <summary>The one-click POST (RFC 8058) or the confirmation page's button.</summary>
    Web = 0,
    /// <summary>Mail to the List-Unsubscribe mailto.</summary>
    Mail = 1,
}

/// <summary>The result of an unsubscribe request.</summary>
/// <param name="Recipient">The address that is now suppressed; null when the token was not valid.</param>
/// <param name="AlreadyUnsubscribed">True when it was already suppressed as an unsubscribe (nothing new written).</param>
public sealed record UnsubscribeResult(string? Recipient, bool AlreadyUnsubscribed)
{
    public bool Accepted => Recipient is not null;
}

/// <summary>
/// Turns a signed unsubscribe token into an Unsubscribe suppression of the message's recipient,
/// with a line on the message's timeline. A forged or unknown token changes nothing.
/// </summary>
public sealed class UnsubscribeService(
    IDbContextFactory<DashboardDbContext> dbFactory,
    UnsubscribeSigner signer,
    SuppressionRules suppressions,
    MessageLedger ledger,
    TimeProvider time,
    ILogger<UnsubscribeService> logger)
{
    /// <summary>True when <paramref name="address"/> is shaped like a List-Unsubscribe mailto of ours (signed or not).</summary>
    public bool IsUnsubscribeAddress(string address) => signer.Enabled && signer.LooksLikeMailto(address);

    /// <summary>The recipient a token names, for the confirmation page; null when the token is not valid.</summary>
    public async Task<string?> RecipientForAsync(string token, CancellationToken cancellationToken = default)
    {
        if (signer.Read(token) is not { } publicId)
        {
            return null;
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Messages.AsNoTracking().Where(m => m.PublicId == publicId).Select(m => m.Recipient).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>Unsubscribes the recipient of the message the token (or mailto address) names.</summary>
    public async Task<UnsubscribeResult> UnsubscribeAsync(string tokenOrAddress, UnsubscribeChannel channel, CancellationToken cancellationToken = default)
    {
        if (signer.Read(tokenOrAddress) is not { } publicId)
        {
            logger.LogWarning("Unsubscribe request with an invalid or forged token ignored ({Channel})", channel);
            return new UnsubscribeResult(null, false);
        }
        var result = await ledger.WriteAsync(async tx =>
        {
            var message = await tx.Db.Messages.FirstOrDefaultAsync(m => m.PublicId == publicId, tx.CancellationToken);
            if (message is null)
            {
                return new UnsubscribeResult(null, false);
            }
            var now = time.GetUtcNow();
            var how = channel == UnsubscribeChannel.Web ? "the one-click unsubscribe link" : "mail to the unsubscribe address";
            var suppression = await suppressions.ApplyUnsubscribeAsync(tx.Db, message, now, $"Unsubscribed through {how}", Actor.System.Name, tx.CancellationToken);
            if (suppression.Id != 0)
            {
                // Already unsubscribed: a provider retrying the POST, or a second mail. Nothing new to record.
                return new UnsubscribeResult(message.Recipient, AlreadyUnsubscribed: true);
            }
            message.RecordUnsubscribe(how, now).Suppression = suppression;
            return new UnsubscribeResult(message.Recipient, AlreadyUnsubscribed: false);
        }, cancellationToken);
        if (result is { Accepted: true, AlreadyUnsubscribed: false })
        {
            logger.LogInformation("{Recipient} unsubscribed ({Channel})", result.Recipient, channel);
        }
        return result;
    }
}
