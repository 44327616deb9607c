using Dashboard.Core.Integrations;
using MimeKit;
using SmtpServer;
using SmtpServer.Mail;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace Dashboard.Core.Relay;

/// <summary>
/// The relay's envelope checks: the sender's domain must be one the credential may use; each
/// recipient must be a valid address, within the recipient limit and the credential's rate.
/// Suppressed recipients are accepted on purpose: they are recorded as rejected, not refused.
/// </summary>
internal sealed class RelayMailboxFilter(RelayRateLimiter rates, int maxRecipients) : IMailboxFilter
{
    private const string RecipientCountKey = "relay:recipients";

    private static readonly ParserOptions StrictAddresses = new()
    {
        AllowAddressesWithoutDomain = false,
        AddressParserComplianceMode = RfcComplianceMode.Strict,
    };

    public Task<bool> CanAcceptFromAsync(ISessionContext context, IMailbox from, int size, CancellationToken cancellationToken)
    {
        var identity = Identity(context);
        if (string.IsNullOrEmpty(from.User) || string.IsNullOrEmpty(from.Host))
        {
            throw Refuse(SmtpReplyCode.MailboxNameNotAllowed, "5.1.7 A sender address is required");
        }
        if (!identity.MaySendFrom(from.Host))
        {
            throw Refuse(SmtpReplyCode.MailboxNameNotAllowed, $"5.7.1 The credential \"{identity.Name}\" may not send from {from.Host}");
        }
        context.Properties[RecipientCountKey] = 0;
        return Task.FromResult(true);
    }

    public Task<bool> CanDeliverToAsync(ISessionContext context, IMailbox to, IMailbox from, CancellationToken cancellationToken)
    {
        var identity = Identity(context);
        var address = $"{to.User}@{to.Host}";
        if (string.IsNullOrEmpty(to.User) || string.IsNullOrEmpty(to.Host)
            || !MailboxAddress.TryParse(StrictAddresses, address, out var parsed) || parsed.Address.Contains(' '))
        {
            throw Refuse(SmtpReplyCode.MailboxNameNotAllowed, $"5.1.3 \"{address}\" is not a valid address");
        }
        var count = context.Properties.TryGetValue(RecipientCountKey, out var c) ? (int)c : 0;
        if (count >= maxRecipients)
        {
            throw Refuse(SmtpReplyCode.InsufficientStorage, $"4.5.3 Too many recipients: at most {maxRecipients} per message");
        }
        if (!rates.TryAcquire(identity, out var wait))
        {
            throw Refuse(SmtpReplyCode.Aborted, $"4.7.1 Rate limit of {identity.RatePerMinute} messages per minute reached; try again in {Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds))} s");
        }
        context.Properties[RecipientCountKey] = count + 1;
        return Task.FromResult(true);
    }

    // AUTH is required before MAIL (the endpoint says so), so the identity is always there.
    internal static RelayIdentity Identity(ISessionContext context) =>
        context.Properties.TryGetValue(RelayAuthenticator.IdentityKey, out var value) && value is RelayIdentity identity
            ? identity
            : throw Refuse(SmtpReplyCode.AuthenticationRequired, "5.7.0 Authentication required");

    private static SmtpResponseException Refuse(SmtpReplyCode code, string text) => new(new SmtpResponse(code, text));
}
