using Dashboard.Api.V1;
using Dashboard.Core;
using Dashboard.Core.Cluster;
using Dashboard.Core.Integrations;
using Dashboard.Core.Data;
using Dashboard.Health;
using Dashboard.Security;
using Microsoft.Extensions.Options;
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

    /// <summary>
    /// Validates every option registered with ValidateOnStart now, before migrations run. On a bad
    /// setting writes each message (naming the key) to <paramref name="error"/> and returns false.
    /// </summary>
    public static bool SettingsAreValid(this WebApplication app, TextWriter error)
    {
        try
        {
            app.Services.GetRequiredService<IStartupValidator>().Validate();
            return true;
        }
        catch (Exception ex) when (Failures(ex) is { } failures)
        {
            foreach (var failure in failures)
            {
                error.WriteLine($"Configuration error: {failure}");
            }
            error.WriteLine("The dashboard did not start. Fix the setting (appsettings.json or an environment variable such as Sending__Concurrency) and start it again.");
            return false;
        }
    }

    // Validation failures, and values the binder cannot convert ("abc" for a number), are the user's
    // to fix: their messages name the key. Anything else is a bug and stays an exception.
    private static IEnumerable<string>? Failures(Exception ex) => ex switch
    {
        OptionsValidationException validation => validation.Failures,
        InvalidOperationException conversion when conversion.Message.StartsWith("Failed to convert configuration value", StringComparison.Ordinal) => [conversion.Message],
        AggregateException all when all.InnerExceptions.Select(Failures).ToList() is var inner && inner.All(f => f is not null) => inner.SelectMany(f => f!),
        _ => null,
    };

    public static async Task InitializeDatabaseAsync(this WebApplication app)
    {
        // Migrations lock the database themselves (and create it when missing, so they come first).
        await app.Services.GetRequiredService<DatabaseInitializer>().InitializeAsync();
        // Instances starting together on one database take turns: creating the first users and the
        // Development secrets each look before they write. (On SQLite: at once.)
        await using var startUp = await app.Services.GetRequiredService<SingletonLocks>().AcquireAsync("start-up", app.Lifetime.ApplicationStopping);
        await app.EnsureUsersAsync();
        await app.Services.GetRequiredService<IntegrationService>().EnsureDevelopmentSecretsAsync(app.Lifetime.ApplicationStopping);
    }
}
