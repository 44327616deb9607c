using Dashboard.Core.Users;

namespace Dashboard.Core.Sending;

/// <summary>Validates, stores, checks suppressions, sends and classifies. (Being built.)</summary>
public sealed class SendService
{
    /// <summary>Sends <paramref name="request"/> on behalf of <paramref name="actor"/>.</summary>
    /// <exception cref="SendValidationException">Bad input; nothing was stored.</exception>
    public Task<SendResult> SendAsync(SendRequest request, Actor actor, CancellationToken cancellationToken = default) =>
        throw new NotImplementedException("The sending pipeline lands with issue 2.");
}
