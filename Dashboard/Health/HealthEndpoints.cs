using System.Text.Json;
using Dashboard.Core.Bounces.Inbound;
using Dashboard.Core.Data;
using Dashboard.Core.Sandbox;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Dashboard.Health;

/// <summary>
/// <c>GET /healthz</c> for a container's health check or a monitor: the database answers and every
/// enabled SMTP listener (the inbound bounce listener, the sandbox) listens. 200 when all are
/// healthy, 503 otherwise, with a JSON body naming each check. Anonymous, and it says nothing a
/// stranger could use: no versions, paths or addresses.
/// </summary>
internal static class HealthEndpoints
{
    public const string Path = "/healthz";

    public static void AddDashboardHealthChecks(this IServiceCollection services) =>
        services.AddHealthChecks()
            .AddCheck<DatabaseCheck>("database")
            .AddCheck<InboundListenerCheck>("inbound-listener")
            .AddCheck<SandboxListenerCheck>("sandbox");

    public static void MapDashboardHealthChecks(this WebApplication app) =>
        app.MapHealthChecks(Path, new HealthCheckOptions { ResponseWriter = WriteJsonAsync }).AllowAnonymous();

    private static Task WriteJsonAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        context.Response.Headers.CacheControl = "no-store";
        return context.Response.WriteAsync(JsonSerializer.Serialize(new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description }),
        }));
    }

    private sealed class DatabaseCheck(IDbContextFactory<DashboardDbContext> dbFactory) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            try
            {
                await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
                // A real read, not just an open file: a locked or corrupt database fails here.
                await db.Messages.AsNoTracking().Select(m => m.Id).FirstOrDefaultAsync(cancellationToken);
                return HealthCheckResult.Healthy("The database answers.");
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                return HealthCheckResult.Unhealthy("The database does not answer.", ex);
            }
        }
    }

    private sealed class InboundListenerCheck(InboundBounceServer server, IOptions<InboundOptions> options) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
            Task.FromResult(!options.Value.Enabled ? HealthCheckResult.Healthy("Disabled.")
                : server.IsListening ? HealthCheckResult.Healthy("Listening for bounces.")
                : HealthCheckResult.Unhealthy("Not listening: asynchronous bounces and complaints are not being received."));
    }

    private sealed class SandboxListenerCheck(SandboxServer server, IOptions<SandboxOptions> options) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
            Task.FromResult(!options.Value.Enabled ? HealthCheckResult.Healthy("Disabled.")
                : server.IsListening ? HealthCheckResult.Healthy("Listening.")
                : HealthCheckResult.Unhealthy("Not listening: sends through the sandbox fail."));
    }
}
