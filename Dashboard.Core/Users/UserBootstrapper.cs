using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dashboard.Core.Users;

/// <summary>
/// First start: makes sure the roles exist and, when nobody can sign in yet, creates the first
/// admin from <see cref="BootstrapOptions"/>, or the two demo users, or says how to do it.
/// </summary>
public sealed class UserBootstrapper(
    IServiceScopeFactory scopeFactory,
    UserAdminService userAdmin,
    IOptions<BootstrapOptions> options,
    ILogger<UserBootstrapper> logger)
{
    /// <summary>The demo admin, created in Development with the demo on. Documented in the README.</summary>
    public static readonly NewUser DemoAdmin = new("admin@example.test", "Demo Admin", Roles.Admin, "demo-admin-password");

    /// <summary>The demo marketer, created with <see cref="DemoAdmin"/>.</summary>
    public static readonly NewUser DemoMarketer = new("marketer@example.test", "Demo Marketer", Roles.Marketer, "demo-marketer-password");

    /// <summary>Runs once at start-up, after the migrations.</summary>
    /// <param name="demoUsers">Create the demo users when nobody exists and no admin is configured.</param>
    /// <param name="cancellationToken">Stops start-up.</param>
    public async Task EnsureUsersAsync(bool demoUsers, CancellationToken cancellationToken = default)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in new[] { Roles.Admin, Roles.Marketer })
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new IdentityRole(role));
            }
        }

        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        if (await users.Users.AnyAsync(cancellationToken))
        {
            return;
        }

        var bootstrap = options.Value;
        if (bootstrap.HasAdmin)
        {
            await CreateAsync(new NewUser(bootstrap.AdminEmail!, null, Roles.Admin, bootstrap.AdminPassword!), cancellationToken);
            logger.LogWarning("Created the first admin {Email} from Bootstrap:AdminEmail. Remove Bootstrap:AdminPassword from the configuration now.", bootstrap.AdminEmail);
        }
        else if (demoUsers)
        {
            await CreateAsync(DemoAdmin, cancellationToken);
            await CreateAsync(DemoMarketer, cancellationToken);
            // Printed once, on the start that creates them; the README lists them too.
            logger.LogWarning(
                "Demo users created — sign in as {AdminEmail} / {AdminPassword} (Admin) or {MarketerEmail} / {MarketerPassword} (Marketer). Development only.",
                DemoAdmin.Email, DemoAdmin.Password, DemoMarketer.Email, DemoMarketer.Password);
        }
        else
        {
            logger.LogWarning(
                "No user exists, so nobody can sign in. Set Bootstrap:AdminEmail and Bootstrap:AdminPassword " +
                "(e.g. environment variables Bootstrap__AdminEmail and Bootstrap__AdminPassword) and restart: " +
                "the first admin is created from them. Or run in Development with Demo:Enabled=true for demo users.");
        }
    }

    private async Task CreateAsync(NewUser user, CancellationToken cancellationToken)
    {
        try
        {
            await userAdmin.CreateAsync(user, Actor.System, cancellationToken);
        }
        catch (UserAdminException e)
        {
            throw new InvalidOperationException($"Could not create the first user {user.Email}: {e.Message}", e);
        }
    }
}
