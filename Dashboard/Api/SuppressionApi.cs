using Dashboard.Core;
using Dashboard.Core.Suppressions;

namespace Dashboard.Api;

/// <summary>HTTP endpoints of the suppression list.</summary>
internal static class SuppressionApi
{
    /// <summary>Maps <c>GET /api/suppressions/export.csv?search=&amp;reason=&amp;all=</c>, the Suppressions page's filter.</summary>
    public static RouteGroupBuilder MapSuppressionApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/suppressions");
        group.MapGet("/export.csv", ExportCsvAsync).WithName("ExportSuppressionsCsv");
        return group;
    }

    // Streamed into the response body in batches, like the activity export.
    private static async Task ExportCsvAsync(HttpContext context, SuppressionCsvExporter exporter, TimeProvider time,
        string? search, string? reason, bool? all)
    {
        SuppressionReason? parsed = null;
        if (!string.IsNullOrEmpty(reason))
        {
            if (!EnumNames.TryParse<SuppressionReason>(reason, out var r))
            {
                context.Response.StatusCode = StatusCodes.Status400BadRequest;
                await context.Response.WriteAsync($"Unknown reason \"{reason}\".", context.RequestAborted);
                return;
            }
            parsed = r;
        }
        var query = new SuppressionListQuery(search, ActiveOnly: all != true, parsed);
        context.Response.ContentType = "text/csv; charset=utf-8";
        context.Response.Headers.ContentDisposition = $"attachment; filename=\"suppressions-{time.GetUtcNow():yyyyMMdd-HHmm}.csv\"";
        context.Response.Headers.CacheControl = "no-store";
        context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpResponseBodyFeature>()?.DisableBuffering();
        await exporter.WriteAsync(query, context.Response.Body, context.RequestAborted);
    }
}
