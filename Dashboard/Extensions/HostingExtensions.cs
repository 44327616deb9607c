using Dashboard.Api.V1;
using Dashboard.Core;
using Dashboard.Core.Integrations;
using Dashboard.Core.Data;
using Dashboard.Health;
using Dashboard.Security;
using MudBlazor.Services;

namespace Dashboard.Extensions;

internal static class HostingExtensions
{
    /// <summary>Everything the web app needs, in one place, so Program.cs stays short.</summary>
    public static void AddApplicationServices(this WebApplicationBuilder builder)
    {
        builder.Services.AddRazorComponents()
            .AddInteractiveServerComponents();
        builder.Services.AddMudServices();
        builder.Services.AddDashboardCore(builder.Configuration);
        builder.AddDashboardSecurity();
        builder.AddDashboardApi();
        builder.Services.AddDashboardHealthChecks();
    }

    public static async Task InitializeDatabaseAsync(this WebApplication app)
    {
        await app.Services.GetRequiredService<DatabaseInitializer>().InitializeAsync();
        await app.EnsureUsersAsync();
        await app.Services.GetRequiredService<IntegrationService>().EnsureDevelopmentSecretsAsync(app.Lifetime.ApplicationStopping);
    }
}
