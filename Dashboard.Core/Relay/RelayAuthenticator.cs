using Dashboard.Core.Integrations;
using Microsoft.Extensions.Logging;
using SmtpServer;
using SmtpServer.Authentication;

namespace Dashboard.Core.Relay;

/// <summary>Checks AUTH PLAIN/LOGIN against the SMTP credentials and keeps who signed in on the session.</summary>
internal sealed class RelayAuthenticator(IntegrationService integrations, ILogger logger) : IUserAuthenticator
{
    /// <summary>The session property holding the signed-in <see cref="RelayIdentity"/>.</summary>
    public const string IdentityKey = "relay:identity";

    public async Task<bool> AuthenticateAsync(ISessionContext context, string user, string password, CancellationToken cancellationToken)
    {
        var identity = await integrations.VerifyCredentialAsync(user ?? "", password ?? "", cancellationToken);
        if (identity is null)
        {
            logger.LogWarning("SMTP relay: failed AUTH for \"{User}\" from {Remote}", user, context.Properties.TryGetValue(SmtpServer.Net.EndpointListener.RemoteEndPointKey, out var remote) ? remote : "?");
            return false;
        }
        context.Properties[IdentityKey] = identity;
        return true;
    }
}
