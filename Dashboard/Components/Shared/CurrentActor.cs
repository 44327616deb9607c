using Dashboard.Core.Users;
using Microsoft.AspNetCore.Components.Authorization;

namespace Dashboard.Components.Shared;

/// <summary>
/// Who the page acts for. The one place that turns the signed-in user into an <see cref="Actor"/>,
/// so sign-in (issue 4) changes it here only. Until then there is no authentication state and the
/// page acts as an anonymous marketer.
/// </summary>
public static class CurrentActor
{
    /// <summary>Used while no one is signed in (before sign-in exists).</summary>
    public static Actor Anonymous { get; } = new("anonymous", new HashSet<string> { Roles.Marketer });

    /// <summary>The actor for the cascading authentication state, if there is one.</summary>
    public static async Task<Actor> ResolveAsync(Task<AuthenticationState>? authenticationState)
    {
        if (authenticationState is null)
        {
            return Anonymous;
        }
        var user = (await authenticationState).User;
        return user.Identity?.IsAuthenticated == true ? Actor.FromPrincipal(user) : Anonymous;
    }
}
