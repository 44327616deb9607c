using Dashboard.Core.Users;
using Microsoft.AspNetCore.Components.Authorization;

namespace Dashboard.Security;

/// <summary>
/// The signed-in user as an <see cref="Actor"/>, for pages to hand to Core services
/// (<c>SendService.SendAsync(request, await CurrentActor.GetAsync())</c>). Works in interactive
/// circuits and in static SSR alike, since both go through the AuthenticationStateProvider.
/// </summary>
public sealed class CurrentActor(AuthenticationStateProvider authenticationStateProvider)
{
    /// <summary>The current user; an actor without roles (allowed nothing) when nobody is signed in.</summary>
    public async Task<Actor> GetAsync()
    {
        var state = await authenticationStateProvider.GetAuthenticationStateAsync();
        return Actor.FromPrincipal(state.User);
    }
}
