using Dashboard.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Dashboard.Core;

/// <summary>Registers the Core services: database, pipeline, classifier, suppressions.</summary>
public static class DependencyInjection
{
    /// <summary>Adds every Core service, binding and validating options from <paramref name="configuration"/>.</summary>
    public static IServiceCollection AddDashboardCore(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);

        services.AddOptions<DatabaseOptions>()
            .Bind(configuration.GetSection(DatabaseOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();

        services.AddDbContextFactory<DashboardDbContext>((sp, options) =>
        {
            var db = sp.GetRequiredService<IOptions<DatabaseOptions>>().Value;
            options.UseSqlite($"Data Source={db.Path}")
                .AddInterceptors(new SqlitePragmaInterceptor(db.BusyTimeoutMs));
        });
        services.AddSingleton<DatabaseInitializer>();
        services.AddSingleton<Activity.ActivityFeed>();
        services.AddSingleton<Sending.SendService>();
        services.AddSingleton<Activity.ActivityQueryService>();
        services.AddSingleton<Activity.ActivityCsvExporter>();
        services.AddSingleton<Activity.MessageResender>();

        return services;
    }
}
