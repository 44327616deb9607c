using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Dashboard.Core.Suppressions;

/// <summary>
/// Writes the "Expired" history line for suppressions whose time is up, once a minute. Whether a
/// suppression blocks is computed from its expiry, so this only keeps the history complete.
/// </summary>
public sealed class SuppressionExpirySweeper(SuppressionService suppressions, TimeProvider time, ILogger<SuppressionExpirySweeper> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        do
        {
            try
            {
                int swept;
                do
                {
                    swept = await suppressions.SweepExpiredAsync(stoppingToken);
                    if (swept > 0)
                    {
                        logger.LogInformation("{Count} suppression(s) expired", swept);
                    }
                }
                while (swept >= 1000);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Sweeping expired suppressions failed; trying again in a minute");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
