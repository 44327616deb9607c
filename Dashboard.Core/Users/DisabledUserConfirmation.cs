using Microsoft.AspNetCore.Identity;

namespace Dashboard.Core.Users;

/// <summary>
/// Identity asks this before every sign-in (SignInOptions.RequireConfirmedAccount): a disabled
/// user is "not allowed", whatever the password.
/// </summary>
internal sealed class DisabledUserConfirmation : IUserConfirmation<AppUser>
{
    public Task<bool> IsConfirmedAsync(UserManager<AppUser> manager, AppUser user) => Task.FromResult(!user.IsDisabled);
}
