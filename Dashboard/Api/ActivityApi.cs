using Dashboard.Core.Activity;

namespace Dashboard.Api;

/// <summary>HTTP endpoints of the activity report.</summary>
internal static class ActivityApi
{
    /// <summary>
    /// Maps <c>GET /api/activity/export.csv?…</c> (the same query string as the /activity page);
    /// returns the group so the caller can require authorization.
    /// </summary>
    public static RouteGroupBuilder MapActivityApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/activity");
        group.MapGet("/export.csv", ExportCsvAsync).WithName("ExportActivityCsv");
        return group;
    }

    // Streams straight into the response body: rows leave as they are read, in batches, so an
    // export of any size holds one batch in memory and the browser sees progress at once.
    private static async Task ExportCsvAsync(HttpContext context, ActivityCsvExporter exporter, TimeProvider time, ILoggerFactory loggers)
    {
        var filter = ActivityFilter.Parse(context.Request.QueryString.Value);
        var fileName = $"activity-{time.GetUtcNow():yyyyMMdd-HHmm}.csv";
        context.Response.ContentType = "text/csv; charset=utf-8";
        context.Response.Headers.ContentDisposition = $"attachment; filename=\"{fileName}\"";
        context.Response.Headers.CacheControl = "no-store";
        // Kestrel must not buffer the body: the client should see rows while the export runs.
        context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpResponseBodyFeature>()?.DisableBuffering();
        var siteRoot = new Uri($"{context.Request.Scheme}://{context.Request.Host}{context.Request.PathBase}/");
        var rows = await exporter.WriteAsync(filter, context.Response.Body, cancellationToken: context.RequestAborted, siteRoot: siteRoot);
        loggers.CreateLogger(typeof(ActivityApi)).LogInformation("Exported {Rows} activity rows for \"{Filter}\"", rows, filter.ToQueryString());
    }
}
