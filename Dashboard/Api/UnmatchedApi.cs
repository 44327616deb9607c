using Dashboard.Core.Bounces.Inbound;
using Dashboard.Core.Users;

namespace Dashboard.Api;

/// <summary>HTTP endpoints of the Unmatched page: the whole raw message, which the page itself never renders.</summary>
internal static class UnmatchedApi
{
    /// <summary>Maps <c>GET /api/unmatched/{id}/raw</c>: the kept message as received, as an .eml download. Admins only.</summary>
    public static RouteHandlerBuilder MapUnmatchedApi(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/api/unmatched/{id:long}/raw", async (long id, HttpContext context, UnmatchedBounceService unmatched) =>
        {
            var raw = await unmatched.GetRawAsync(id, Actor.FromPrincipal(context.User), context.RequestAborted);
            if (raw is null)
            {
                return Results.NotFound();
            }
            context.Response.Headers.CacheControl = "no-store";
            // An attachment of an inert type: a hostile message never renders in the dashboard's origin.
            return Results.File(raw, "application/octet-stream", $"unmatched-{id}.eml");
        }).RequireAuthorization(policy => policy.RequireRole(Roles.Admin));
}
