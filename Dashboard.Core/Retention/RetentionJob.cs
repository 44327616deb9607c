using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dashboard.Core.Retention;

/// <summary>Runs <see cref="RetentionService.PruneAsync"/> at start and then every <see cref="RetentionOptions.RunEveryMinutes"/>.</summary>
public sealed class RetentionJob(RetentionService retention, IOptionsMonitor<RetentionOptions> options, TimeProvider time, ILogger<RetentionJob> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var result = await retention.PruneAsync(stoppingToken);
                if (result.Removed)
                {
                    logger.LogInformation(
                        "Retention: content removed from {Messages} message(s) ({Contents} bodies), {Unmatched} unmatched mail(s) and {Events} event(s) deleted",
                        result.MessagesWithoutContent, result.ContentsDeleted, result.UnmatchedDeleted, result.EventsDeleted);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Pruning by the retention settings failed; trying again at the next run");
            }
            await Task.Delay(TimeSpan.FromMinutes(options.CurrentValue.RunEveryMinutes), time, stoppingToken)
                .ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }
}
