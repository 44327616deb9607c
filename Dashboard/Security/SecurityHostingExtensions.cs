using Dashboard.Core.Users;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Dashboard.Security;

/// <summary>Sign-in, roles and security headers: the web half of issue 4, wired in one place.</summary>
internal static class SecurityHostingExtensions
{
    /// <summary>Paths that answer 401/403 instead of redirecting to the sign-in page (not pages).</summary>
    private static readonly string[] NonPagePaths = ["/_blazor", "/api"];

    public static void AddDashboardSecurity(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var secureCookies = builder.Environment.IsDevelopment() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;

        services.AddDashboardUsers(builder.Configuration).AddSignInManager();
        services.AddCascadingAuthenticationState();
        services.AddScoped<AuthenticationStateProvider, IdentityRevalidatingAuthenticationStateProvider>();
        services.AddScoped<CurrentActor>();

        services.AddAuthentication(IdentityConstants.ApplicationScheme).AddIdentityCookies();
        services.ConfigureApplicationCookie(options =>
        {
            options.LoginPath = "/account/signin";
            options.LogoutPath = "/account/signout";
            options.AccessDeniedPath = "/account/access-denied";
            options.Cookie.Name = "dashboard.auth";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.Cookie.SecurePolicy = secureCookies;
            options.ExpireTimeSpan = TimeSpan.FromHours(8);
            options.SlidingExpiration = true;
            options.Events.OnRedirectToLogin = context => RedirectOrStatus(context, StatusCodes.Status401Unauthorized);
            options.Events.OnRedirectToAccessDenied = context => RedirectOrStatus(context, StatusCodes.Status403Forbidden);
        });
        // How soon a disabled user's (or a reset password's) other cookies and circuits stop working.
        services.AddOptions<SessionOptions>()
            .Bind(builder.Configuration.GetSection(SessionOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddOptions<SignInThrottleOptions>()
            .Bind(builder.Configuration.GetSection(SessionOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<SignInThrottle>();
        services.AddOptions<SecurityStampValidatorOptions>()
            .Configure<IOptions<SessionOptions>>((options, session) =>
                options.ValidationInterval = TimeSpan.FromSeconds(session.Value.RevalidationSeconds));

        // Everything requires a signed-in user unless it says [AllowAnonymous]: new pages and
        // endpoints are closed by default.
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());

        services.AddAntiforgery(options =>
        {
            options.Cookie.Name = "dashboard.antiforgery";
            options.Cookie.SecurePolicy = secureCookies;
        });
    }

    /// <summary>First in the pipeline, so every response carries them.</summary>
    public static void UseSecurityHeaders(this WebApplication app) => app.UseMiddleware<SecurityHeadersMiddleware>();

    /// <summary>Who the user is and what they may do.</summary>
    public static void UseDashboardSecurity(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            // Sent on HTTPS responses only, so a plain-HTTP install behind nothing is unaffected.
            app.UseHsts();
        }
        app.UseAuthentication();
        app.UseAuthorization();
    }

    /// <summary>The sign-out POST (antiforgery-checked because it binds a form field).</summary>
    public static void MapAccountEndpoints(this WebApplication app)
    {
        // The form field only makes the endpoint bind a form, which turns on antiforgery validation.
        app.MapPost("/account/signout", async (SignInManager<AppUser> signInManager, [FromForm] string? returnUrl) =>
        {
            await signInManager.SignOutAsync();
            return TypedResults.LocalRedirect("~/account/signin");
        }).AllowAnonymous();
    }

    /// <summary>
    /// Creates the roles and, if nobody exists, the first admin (Bootstrap:*) or, in Development with
    /// Demo:Enabled, the demo users.
    /// </summary>
    public static async Task EnsureUsersAsync(this WebApplication app)
    {
        var demoUsers = app.Environment.IsDevelopment() && app.Configuration.GetValue<bool>("Demo:Enabled");
        await app.Services.GetRequiredService<UserBootstrapper>().EnsureUsersAsync(demoUsers);
    }

    private static Task RedirectOrStatus(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> context, int status)
    {
        if (NonPagePaths.Any(p => context.Request.Path.StartsWithSegments(p)))
        {
            // A bare status for scripts and the hub, not the not-found page re-executed in its place.
            context.HttpContext.Features.Get<IStatusCodePagesFeature>()?.Enabled = false;
            context.Response.StatusCode = status;
        }
        else
        {
            context.Response.Redirect(context.RedirectUri);
        }
        return Task.CompletedTask;
    }
}
