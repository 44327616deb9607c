using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dashboard.Core.Domains;

/// <summary>
/// Adds the configured seed domains at start (the demo's senders, before any demo mail goes out), then
/// checks every sender domain whose last check is older than <see cref="DomainOptions.CheckEveryHours"/>,
/// looking once an hour.
/// </summary>
public sealed class DomainCheckScheduler(SenderDomainService domains, IOptions<DomainOptions> options, TimeProvider time, ILogger<DomainCheckScheduler> logger)
    : BackgroundService
{
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.Seed.Count > 0)
        {
            await domains.EnsureAsync(options.Value.Seed, cancellationToken);
        }
        await base.StartAsync(cancellationToken);
    }

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
