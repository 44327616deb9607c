using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Dashboard.Core.Domains;

/// <summary>
/// Checks every sender domain whose last check is older than <see cref="DomainOptions.CheckEveryHours"/>
/// (daily by default), looking once an hour.
/// </summary>
public sealed class DomainCheckScheduler(SenderDomainService domains, TimeProvider time, ILogger<DomainCheckScheduler> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await domains.CheckDueAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Checking the sender domains' DNS failed");
            }
            await Task.Delay(TimeSpan.FromHours(1), time, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }
}
