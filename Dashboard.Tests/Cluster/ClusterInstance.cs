using Dashboard.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace Dashboard.Tests.Cluster;

/// <summary>
/// One instance of the dashboard's Core (every service and hosted job AddDashboardCore registers, as
/// the app runs them, without the web pages) on a shared PostgreSQL database, so a test can run
/// several side by side. Looks again for a free singleton job every second.
/// </summary>
internal sealed class ClusterInstance(IHost host) : IAsyncDisposable
{
    public IServiceProvider Services => host.Services;

    public T Get<T>() where T : notnull => host.Services.GetRequiredService<T>();

    public static async Task<ClusterInstance> StartAsync(string connectionString, Dictionary<string, string?>? settings = null, Action<IServiceCollection>? configure = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Production", DisableDefaults = true });
        var all = new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Postgres",
            ["Database:ConnectionString"] = connectionString,
            ["ReturnPath:SigningKey"] = "a-test-signing-key-of-more-than-32-characters",
            ["Sandbox:Port"] = "0",
            ["Sandbox:AftermathDelaySeconds"] = "0",
            ["Relay:Enabled"] = "false",
            ["Domains:NameServers:0"] = "127.0.0.1:9",
            ["Domains:DnsTimeoutSeconds"] = "1",
            ["Cluster:LeaderRetrySeconds"] = "1",
        };
        foreach (var (key, value) in settings ?? [])
        {
            all[key] = value;
        }
        builder.Configuration.AddInMemoryCollection(all);
        builder.Services.AddLogging();
        builder.Services.AddDashboardCore(builder.Configuration);
        configure?.Invoke(builder.Services);
        var host = builder.Build();
        await host.StartAsync();
        return new ClusterInstance(host);
    }

    /// <summary>Waits until <paramref name="count"/> sessions on the database listen for live updates (each instance has one).</summary>
    public static async Task WaitUntilListeningAsync(string connectionString, int count)
    {
        await using var connection = new NpgsqlConnection(connectionString + ";Pooling=false");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND query = 'LISTEN dashboard_changes'", connection);
        Assert.True(await Eventually.TrueAsync(async () => (long)(await command.ExecuteScalarAsync())! >= count, TimeSpan.FromSeconds(10)),
            $"{count} instances never listened");
    }

    public async ValueTask DisposeAsync()
    {
        await host.StopAsync();
        host.Dispose();
    }
}

/// <summary>Polls a condition until it holds or time runs out.</summary>
internal static class Eventually
{
    public static async Task<bool> TrueAsync(Func<Task<bool>> condition, TimeSpan within)
    {
        var until = DateTime.UtcNow + within;
        while (DateTime.UtcNow < until)
        {
            if (await condition())
            {
                return true;
            }
            await Task.Delay(50);
        }
        return await condition();
    }

    public static Task<bool> TrueAsync(Func<bool> condition, TimeSpan within) => TrueAsync(() => Task.FromResult(condition()), within);
}
