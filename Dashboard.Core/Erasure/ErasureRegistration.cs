using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Core.Erasure;

/// <summary>Registers "forget an address": its options (validated on start), the keyed hash and the eraser.</summary>
public static class ErasureRegistration
{
    public static IServiceCollection AddErasure(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ErasureOptions>()
            .Bind(configuration.GetSection(ErasureOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<AddressHasher>();
        services.AddSingleton<AddressEraser>();
        return services;
    }
}
