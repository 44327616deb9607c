using System.Security.Claims;

namespace Dashboard.Core.Users;

/// <summary>
/// Who is asking a Core service to do something. Services that change state check the role
/// themselves (a hidden button is not security) and record <see cref="Name"/> as the actor.
/// </summary>
public sealed record Actor(string Name, IReadOnlySet<string> Roles)
{
    /// <summary>The pipeline itself (start-up recovery, expiry sweeps, inbound bounces).</summary>
    public static Actor System { get; } = new("system", new HashSet<string> { Users.Roles.Admin });

    /// <summary>The demo traffic generator: may send, nothing more.</summary>
    public static Actor Demo { get; } = new("demo", new HashSet<string> { Users.Roles.Marketer });

    public bool IsAdmin => Roles.Contains(Users.Roles.Admin);

    public bool CanSend => IsAdmin || Roles.Contains(Users.Roles.Marketer);

    /// <summary>Throws <see cref="ForbiddenException"/> unless the actor is an admin.</summary>
    public void RequireAdmin(string action)
    {
        if (!IsAdmin)
        {
            throw new ForbiddenException($"{Name} may not {action}: only an admin may.");
        }
    }

    /// <summary>Builds an actor from a signed-in user's claims.</summary>
    public static Actor FromPrincipal(ClaimsPrincipal principal)
    {
        var name = principal.Identity?.Name ?? "anonymous";
        var roles = principal.FindAll(ClaimTypes.Role).Select(c => c.Value).ToHashSet();
        return new Actor(name, roles);
    }
}
