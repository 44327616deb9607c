using Dashboard.Core.Erasure;
using Dashboard.Core.Suppressions;
using Dashboard.Core.Users;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace Dashboard.Api.V1;

/// <summary><c>DELETE /api/v1/addresses/{address}</c>: forget an address, as admins do on the Suppressions page.</summary>
internal static class AddressesApi
{
    public static void MapAddressesApi(this RouteGroupBuilder v1) =>
        v1.MapDelete("/addresses/{address}", ForgetAsync).RequireScope(ApiScope.Suppressions)
            .WithName("ForgetAddress")
            .WithSummary("Forget an address: erase it and the content sent to it; it stays suppressed as a keyed hash")
            .WithDescription("For a person's request to be erased. Messages keep their status (the reports do not change) with the recipient and subject erased; the address stays on the suppression list only as a keyed hash, so mail to it is still rejected. Written to the audit log.")
            .Produces<ForgetResult>()
            .ProducesValidationProblem();

    private static async Task<IResult> ForgetAsync(string address, HttpContext context, AddressEraser eraser, IOptions<JsonOptions> json)
    {
        try
        {
            var actor = new Actor($"API key {context.User.Identity!.Name}", new HashSet<string> { Roles.Admin });
            var result = await eraser.ForgetAsync(address, actor, context.RequestAborted);
            return Results.Json(result, json.Value.SerializerOptions);
        }
        catch (SuppressionValidationException ex)
        {
            return ApiProblems.Invalid("address", ex.Message);
        }
    }
}
