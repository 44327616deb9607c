using Dashboard.Core.Cluster;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Core.Retention;

/// <summary>Registers retention: its options (validated on start), the service and the periodic job (on one instance at a time).</summary>
public static class RetentionRegistration
{
    public static IServiceCollection AddRetention(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RetentionOptions>()
            .Bind(configuration.GetSection(RetentionOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<RetentionService>();
        services.AddSingletonJob<RetentionJob>();
        return services;
    }
}
