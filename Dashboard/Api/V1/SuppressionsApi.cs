using System.Globalization;
using Dashboard.Core;
using Dashboard.Core.Suppressions;
using Dashboard.Core.Users;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace Dashboard.Api.V1;

/// <summary><c>GET/POST/DELETE /api/v1/suppressions</c>, with the same rules as the Suppressions page.</summary>
internal static class SuppressionsApi
{
    public static void MapSuppressionsApi(this RouteGroupBuilder v1)
    {
        v1.MapGet("/suppressions", ListAsync).RequireScope(ApiScope.Suppressions)
            .WithName("ListSuppressions")
            .WithSummary("Suppressions in force (all=true: removed and expired ones too)")
            .WithDescription("Query: search (part of an address or domain), reason (hard_bounce, soft_bounce_streak, spam_complaint, unsubscribe, manual), all, page (from 0), page_size (1-500).")
            .Produces<SuppressionListResponse>()
            .ProducesValidationProblem();
        v1.MapPost("/suppressions", AddAsync).RequireScope(ApiScope.Suppressions)
            .WithName("AddSuppression")
            .WithSummary("Suppress an address or a whole domain")
            .Accepts<AddSuppressionBody>("application/json")
            .Produces<SuppressionResponse>(StatusCodes.Status201Created)
            .ProducesValidationProblem();
        v1.MapDelete("/suppressions/{value}", RemoveAsync).RequireScope(ApiScope.Suppressions)
            .WithName("RemoveSuppression")
            .WithSummary("Remove the suppressions of an address or domain")
            .WithDescription("Needs reason (for the history). A spam complaint or an unsubscribe is removed only with override=true, as on the Suppressions page.")
            .Produces<RemoveSuppressionResponse>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
    }

    private static async Task<IResult> ListAsync(HttpContext context, SuppressionService suppressions, IOptions<JsonOptions> json)
    {
        var query = context.Request.Query;
        SuppressionReason? reason = null;
        if (query["reason"].ToString() is { Length: > 0 } r)
        {
            if (!EnumNames.TryParse<SuppressionReason>(r.Replace("_", "", StringComparison.Ordinal), out var parsed))
            {
                return ApiProblems.Invalid("reason", $"\"{r}\" is not a reason: use hard_bounce, soft_bounce_streak, spam_complaint, unsubscribe or manual.");
            }
            reason = parsed;
        }
        if (!TryInt(query["page"], 0, 0, 100_000, out var page))
        {
            return ApiProblems.Invalid("page", "page must be a whole number from 0.");
        }
        if (!TryInt(query["page_size"], 50, 1, 500, out var pageSize))
        {
            return ApiProblems.Invalid("page_size", "page_size must be a whole number from 1 to 500.");
        }
        var all = query["all"].ToString() is "true" or "1";
        var result = await suppressions.ListAsync(new SuppressionListQuery(NullIfEmpty(query["search"]), !all, reason, page, pageSize), context.RequestAborted);
        return Results.Json(new SuppressionListResponse([.. result.Items.Select(ToResponse)], result.TotalCount), json.Value.SerializerOptions);
    }

    private static async Task<IResult> AddAsync(HttpContext context, SuppressionService suppressions, IOptions<JsonOptions> json)
    {
        var body = await ApiBody.ReadAsync<AddSuppressionBody>(context, 64 * 1024);
        if (body.Problem is not null)
        {
            return body.Problem;
        }
        var request = body.Value!;
        if (string.IsNullOrWhiteSpace(request.Value))
        {
            return ApiProblems.Invalid("value", "Give an address (a@b.example) or a domain (b.example).");
        }
        try
        {
            var added = await suppressions.AddAsync(
                new AddSuppressionRequest(request.Value, request.Reason ?? SuppressionReason.Manual, request.Note, request.ExpiresAt), Actor(context), context.RequestAborted);
            return Results.Json(ToResponse(added), json.Value.SerializerOptions, statusCode: StatusCodes.Status201Created);
        }
        catch (SuppressionValidationException ex)
        {
            return ApiProblems.Invalid(ex.Field == SuppressionField.ExpiresAt ? "expires_at" : "value", ex.Message);
        }
        catch (SuppressionExistsException ex)
        {
            // One active entry per address or domain: the answer names the entry in force.
            return Results.Problem(detail: ex.Message, statusCode: StatusCodes.Status409Conflict, title: "Already suppressed",
                extensions: new Dictionary<string, object?> { ["field"] = "value", ["existing"] = ToResponse(ex.Existing) });
        }
    }

    private static async Task<IResult> RemoveAsync(string value, HttpContext context, SuppressionService suppressions, IOptions<JsonOptions> json)
    {
        var reason = context.Request.Query["reason"].ToString();
        if (string.IsNullOrWhiteSpace(reason))
        {
            return ApiProblems.Invalid("reason", "Say why the suppression is removed (?reason=…): the reason goes into the history.");
        }
        var acknowledge = context.Request.Query["override"].ToString() is "true" or "1";
        try
        {
            var removed = await suppressions.UnblockAsync(value, reason, Actor(context), acknowledge, context.RequestAborted);
            return removed == 0
                ? ApiProblems.Status(StatusCodes.Status404NotFound, "Not suppressed", $"{value} has no suppression in force.")
                : Results.Json(new RemoveSuppressionResponse(value.Trim().TrimStart('@').ToLowerInvariant(), removed), json.Value.SerializerOptions);
        }
        catch (SuppressionOverrideRequiredException ex)
        {
            return Results.Problem(detail: ex.Message + " Repeat the request with override=true to remove it.", statusCode: StatusCodes.Status409Conflict,
                title: "Override required", extensions: new Dictionary<string, object?> { ["field"] = "override", ["reason"] = SnakeReason(ex.Reason) });
        }
    }

    // The key acts with the rights its scope gives; the history names the key.
    private static Actor Actor(HttpContext context) =>
        new($"API key {context.User.Identity!.Name}", new HashSet<string> { Roles.Admin });

    private static SuppressionResponse ToResponse(SuppressionView s) => new(
        s.Value, s.Scope, s.Reason, s.CreatedAt, s.ExpiresAt, s.CreatedBy, s.Note, s.IsActive, s.RemovedAt, s.RemovedBy, s.RemovalReason, s.MessagePublicId);

    private static string SnakeReason(SuppressionReason reason) => System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(reason.ToString());

    private static bool TryInt(Microsoft.Extensions.Primitives.StringValues raw, int fallback, int min, int max, out int value)
    {
        value = fallback;
        return raw.Count == 0 || (int.TryParse(raw.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out value) && value >= min && value <= max);
    }

    private static string? NullIfEmpty(Microsoft.Extensions.Primitives.StringValues raw) => string.IsNullOrWhiteSpace(raw.ToString()) ? null : raw.ToString();
}

/// <summary>The body of <c>POST /api/v1/suppressions</c>.</summary>
internal sealed record AddSuppressionBody(string? Value, SuppressionReason? Reason, string? Note, DateTimeOffset? ExpiresAt);

internal sealed record SuppressionResponse(
    string Value, SuppressionScope Scope, SuppressionReason Reason, DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt, string? CreatedBy,
    string? Note, bool Active, DateTimeOffset? RemovedAt, string? RemovedBy, string? RemovalReason, string? MessageId);

internal sealed record SuppressionListResponse(IReadOnlyList<SuppressionResponse> Data, int Total);

internal sealed record RemoveSuppressionResponse(string Value, int Removed);
