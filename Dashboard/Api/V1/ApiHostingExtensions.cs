using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.RateLimiting;
using Scalar.AspNetCore;

namespace Dashboard.Api.V1;

/// <summary>The REST API's authentication, scopes, rate limits, JSON and OpenAPI document, wired in one place.</summary>
internal static class ApiHostingExtensions
{
    public const string RateLimitPolicy = "api-key";

    public static void AddDashboardApi(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        var authorization = services.AddAuthorizationBuilder();
        foreach (var scope in ApiScope.All)
        {
            authorization.AddPolicy(scope.Policy, p => p.AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName)
                .RequireAuthenticatedUser()
                .RequireClaim(ApiKeyAuthenticationHandler.ScopeClaim, scope.Name));
        }
        services.ConfigureHttpJsonOptions(o => Configure(o.SerializerOptions));
        services.AddProblemDetails();
        services.AddRateLimiter(o =>
        {
            o.AddPolicy(RateLimitPolicy, context =>
            {
                var user = context.User;
                var id = user.FindFirst(ApiKeyAuthenticationHandler.KeyIdClaim)?.Value ?? "anonymous";
                var rate = int.TryParse(user.FindFirst(ApiKeyAuthenticationHandler.RateClaim)?.Value, CultureInfo.InvariantCulture, out var r) ? r : 60;
                return RateLimitPartition.GetFixedWindowLimiter($"{id}:{rate}", _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = rate,
                    Window = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                });
            });
            o.OnRejected = async (context, cancellationToken) =>
            {
                var wait = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromMinutes(1);
                var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
                context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                await ApiProblems.Write(context.HttpContext, StatusCodes.Status429TooManyRequests, "Too many requests",
                    $"This key's limit of requests per minute is reached; try again in {seconds} s.");
            };
        });
        services.AddOpenApi("v1", o => o.ShouldInclude = d => d.RelativePath?.StartsWith("api/v1", StringComparison.Ordinal) == true);
    }

    /// <summary>snake_case names and values, unknown fields refused (a typo must not be silently dropped).</summary>
    public static void Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
        options.DictionaryKeyPolicy = null;
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false));
    }

    /// <summary>Maps /api/v1 (API keys) and the OpenAPI document and reference page (signed-in users).</summary>
    public static void MapDashboardApi(this WebApplication app)
    {
        var v1 = app.MapGroup("/api/v1")
            .RequireRateLimiting(RateLimitPolicy)
            .WithTags("v1");
        v1.MapMessagesApi();
        v1.MapSuppressionsApi();
        v1.MapDomainsApi();
        v1.MapAddressesApi();

        app.MapOpenApi("/openapi/{documentName}.json");
        app.MapScalarApiReference("/api/reference", o => o
            .WithTitle("Deliverability dashboard API")
            // Its default fonts come from a CDN, which our Content-Security-Policy (and an offline install) refuses.
            .DisableDefaultFonts()
            .WithOpenApiRoutePattern("/openapi/{documentName}.json")
            .AddPreferredSecuritySchemes("Bearer"));
    }

    /// <summary>Requires an API key with <paramref name="scope"/> (and names it in the 403).</summary>
    public static RouteHandlerBuilder RequireScope(this RouteHandlerBuilder builder, ApiScope scope) =>
        builder.RequireAuthorization(scope.Policy).WithMetadata(scope);
}
