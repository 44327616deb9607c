using Microsoft.AspNetCore.Identity;

namespace Dashboard.Core.Users;

/// <summary>A person who signs in to the dashboard.</summary>
public sealed class AppUser : IdentityUser
{
    public string? DisplayName { get; set; }

    public bool IsDisabled { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
