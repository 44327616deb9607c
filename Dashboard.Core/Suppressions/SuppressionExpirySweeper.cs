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
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Sweeping expired suppressions failed; trying again in a minute");
            }
        }
        while (await WaitAsync(timer, stoppingToken));
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
