using Dashboard.Core.Data;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Dashboard.Core.Cluster;

/// <summary>
/// On PostgreSQL, listens on <see cref="ChangeRelay.Channel"/> on a connection of its own and hands
/// each notification to <see cref="ChangeRelay.Receive"/>. A broken connection is opened again, after
/// 1 s, then twice as long each time it fails again, at most 30 s. On SQLite it does nothing.
/// </summary>
public sealed class ChangeListener(IOptions<DatabaseOptions> database, ChangeRelay relay, TimeProvider time, ILogger<ChangeListener> logger)
    : BackgroundService
{
    private static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan LongestRetry = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!relay.Enabled)
        {
            return;
        }
        var retry = FirstRetry;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(database.Value.ConnectionString);
                await connection.OpenAsync(stoppingToken);
                connection.Notification += (_, e) => relay.Receive(e.Payload);
                await using (var listen = new NpgsqlCommand($"LISTEN {ChangeRelay.Channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }
                retry = FirstRetry;
                logger.LogDebug("Listening for live updates from the other instances");
                while (true)
                {
                    await connection.WaitAsync(stoppingToken);
                }
            }
            catch (Exception) when (stoppingToken.IsCancellationRequested)
            {
                // Stopping: Npgsql breaks a connection whose wait is cancelled, so this may be any error.
                return;
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "Listening for the other instances' live updates failed; trying again in {Seconds} s", retry.TotalSeconds);
                await Task.Delay(retry, time, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                retry = TimeSpan.FromTicks(Math.Min(LongestRetry.Ticks, retry.Ticks * 2));
            }
        }
    }
}
