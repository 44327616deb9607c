using System.Security.Claims;
using System.Text.Encodings.Web;
using Dashboard.Core.Integrations;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Extensions.Options;

namespace Dashboard.Api.V1;

/// <summary>
/// <c>Authorization: Bearer dk_…</c> for /api/v1: the key's name, id, scopes and rate become claims.
/// No key or a bad one answers 401, a missing scope 403, both as problem+json.
/// </summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory loggers,
    UrlEncoder encoder,
    IntegrationService integrations) : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggers, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string ScopeClaim = "scope";
    public const string KeyIdClaim = "api_key_id";
    public const string RateClaim = "api_key_rate";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }
        var key = await integrations.VerifyApiKeyAsync(header["Bearer ".Length..].Trim(), Context.RequestAborted);
        if (key is null)
        {
            return AuthenticateResult.Fail("The API key is unknown or revoked.");
        }
        var claims = new List<Claim>
        {
            new(ClaimTypes.Name, key.Name),
            new(KeyIdClaim, key.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new(RateClaim, key.RatePerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        };
        claims.AddRange(ApiScope.All.Where(s => key.Scopes.HasFlag(s.Flag)).Select(s => new Claim(ScopeClaim, s.Name)));
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName)), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = "Bearer";
        var failed = Request.Headers.Authorization.Count > 0;
        return ApiProblems.Write(Context, StatusCodes.Status401Unauthorized, "Not authenticated",
            failed ? "The API key is unknown or revoked." : "Send an API key as \"Authorization: Bearer <key>\". Admins create keys on the Integrations page.");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        var scope = Context.GetEndpoint()?.Metadata.GetMetadata<ApiScope>();
        return ApiProblems.Write(Context, StatusCodes.Status403Forbidden, "Missing scope",
            scope is null ? "This key may not do that." : $"This key lacks the \"{scope.Name}\" scope.");
    }
}

/// <summary>A scope an endpoint needs (endpoint metadata, also used to name it in a 403).</summary>
internal sealed record ApiScope(string Name, ApiScopes Flag)
{
    public static readonly ApiScope Send = new("send", ApiScopes.Send);
    public static readonly ApiScope Read = new("read", ApiScopes.Read);
    public static readonly ApiScope Suppressions = new("suppressions", ApiScopes.Suppressions);
    public static readonly IReadOnlyList<ApiScope> All = [Send, Read, Suppressions];

    public string Policy => "api:" + Name;
}

/// <summary>RFC 9457 problem details for the API, naming the field at fault where there is one.</summary>
internal static class ApiProblems
{
    public static Task Write(HttpContext context, int status, string title, string detail)
    {
        // The not-found page must not replace the problem body.
        context.Features.Get<IStatusCodePagesFeature>()?.Enabled = false;
        return Results.Problem(detail: detail, statusCode: status, title: title).ExecuteAsync(context);
    }

    /// <summary>400 with <c>errors: { field: [message] }</c>.</summary>
    public static IResult Invalid(string field, string message) =>
        Results.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] }, detail: message, title: "The request is invalid");

    public static IResult Status(int status, string title, string detail) =>
        Results.Problem(detail: detail, statusCode: status, title: title);
}
