using Dashboard.Core.Users;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.HttpOverrides;
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
        AddForwardedHeaders(services, builder.Configuration);
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

    /// <summary>
    /// Before anything reads the client's address or scheme: a trusted proxy's X-Forwarded-For and
    /// X-Forwarded-Proto become the request's (the sign-in throttle then counts per client, not per proxy).
    /// </summary>
    public static void UseTrustedProxies(this WebApplication app) => app.UseForwardedHeaders();

    /// <summary>Over plain HTTP outside Development, the account pages explain why sign-in needs HTTPS.</summary>
    public static void UsePlainHttpSignInPage(this WebApplication app) => app.UseMiddleware<PlainHttpSignInMiddleware>();

    // Trusts exactly the configured proxies; ASP.NET's own default (loopback) is cleared. With both
    // lists empty the middleware would believe everyone, so then it reads no header at all.
    private static void AddForwardedHeaders(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ForwardedHeadersSettings>()
            .Bind(configuration.GetSection(ForwardedHeadersSettings.Section))
            .ValidateDataAnnotations()
            .Validate(o => o.ParsedProxies() is not null, "ForwardedHeaders:KnownProxies must be IP addresses, e.g. 127.0.0.1 or 10.0.0.5.")
            .Validate(o => o.ParsedNetworks() is not null, "ForwardedHeaders:KnownNetworks must be networks in CIDR notation, e.g. 10.0.0.0/8.")
            .ValidateOnStart();
        services.AddOptions<ForwardedHeadersOptions>()
            .Configure<IOptions<ForwardedHeadersSettings>>((options, settings) =>
            {
                options.ForwardedHeaders = settings.Value.TrustsAProxy ? ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto : ForwardedHeaders.None;
                options.ForwardLimit = settings.Value.ForwardLimit;
                options.KnownProxies.Clear();
                options.KnownIPNetworks.Clear();
                foreach (var proxy in settings.Value.ParsedProxies() ?? [])
                {
                    options.KnownProxies.Add(proxy);
                }
                foreach (var network in settings.Value.ParsedNetworks() ?? [])
                {
                    options.KnownIPNetworks.Add(network);
                }
            });
    }

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
