using Dashboard.Core.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Core.Users;

/// <summary>Identity's user and role store on our database, with our password and lockout rules.</summary>
public static class UsersServiceCollectionExtensions
{
    /// <summary>
    /// Adds the Identity core (users, roles, EF stores), <see cref="UserAdminService"/> and
    /// <see cref="UserBootstrapper"/>. The web app adds cookies and the sign-in manager on top.
    /// </summary>
    public static IdentityBuilder AddDashboardUsers(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<BootstrapOptions>()
            .Bind(configuration.GetSection(BootstrapOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();

        services.AddScoped<IUserConfirmation<AppUser>, DisabledUserConfirmation>();
        services.AddSingleton<UserAdminService>();
        services.AddSingleton<UserBootstrapper>();

        return services.AddIdentityCore<AppUser>(options =>
            {
                options.User.RequireUniqueEmail = true;
                options.Password.RequiredLength = PasswordPolicy.MinimumLength;
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.Password.RequiredUniqueChars = 4;
                options.Lockout.AllowedForNewUsers = true;
                options.Lockout.MaxFailedAccessAttempts = PasswordPolicy.MaxFailedAttempts;
                options.Lockout.DefaultLockoutTimeSpan = PasswordPolicy.LockoutDuration;
                // Routes every sign-in through DisabledUserConfirmation.
                options.SignIn.RequireConfirmedAccount = true;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<DashboardDbContext>();
    }
}
