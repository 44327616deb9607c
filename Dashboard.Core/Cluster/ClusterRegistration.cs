using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Dashboard.Core.Cluster;

/// <summary>
/// Registers what lets several instances share one PostgreSQL database: the Data Protection key ring,
/// the singleton-job locks and the live-update relay, with their options (validated on start).
/// </summary>
public static class ClusterRegistration
{
    public static IServiceCollection AddCluster(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ClusterOptions>()
            .Bind(configuration.GetSection(ClusterOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddKeyRing(configuration);
        services.AddSingleton<SingletonLocks>();
        services.AddSingleton<ChangeRelay>();
        services.AddHostedService(sp => sp.GetRequiredService<ChangeRelay>());
        services.AddHostedService<ChangeListener>();
        return services;
    }

    /// <summary>
    /// Registers <typeparamref name="TJob"/> to run on one instance at a time (see <see cref="SingletonJob{TJob}"/>)
    /// instead of as a hosted service of its own.
    /// </summary>
    public static IServiceCollection AddSingletonJob<TJob>(this IServiceCollection services)
        where TJob : BackgroundService
    {
        services.TryAddSingleton<TJob>();
        services.AddHostedService<SingletonJob<TJob>>();
        return services;
    }

    // The ring's settings shape the Data Protection registration itself, so they are read here; the
    // options are also validated on start, so a bad path stops the app with a message naming the key.
    private static void AddKeyRing(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<KeyRingOptions>()
            .Bind(configuration.GetSection(KeyRingOptions.Section))
            .Validate(o => o.Problem() is null, "DataProtection:KeyRingPath must be an absolute folder (e.g. /srv/dashboard/keys) and DataProtection:ApplicationName, when set, not blank.")
            .ValidateOnStart();
        var keyRing = configuration.GetSection(KeyRingOptions.Section).Get<KeyRingOptions>() ?? new KeyRingOptions();
        var dataProtection = services.AddDataProtection();
        if (keyRing.Problem() is not null)
        {
            return;
        }
        if (!string.IsNullOrEmpty(keyRing.KeyRingPath))
        {
            dataProtection.PersistKeysToFileSystem(new DirectoryInfo(keyRing.KeyRingPath));
        }
        if (!string.IsNullOrEmpty(keyRing.ApplicationName))
        {
            dataProtection.SetApplicationName(keyRing.ApplicationName);
        }
    }
}
