using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dashboard.Core.Alerts;

/// <summary>Evaluates the alert rules every <see cref="AlertOptions.EvaluateEverySeconds"/> seconds.</summary>
public sealed class AlertMonitor(AlertService alerts, IOptionsMonitor<AlertOptions> options, TimeProvider time, ILogger<AlertMonitor> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.CurrentValue.Enabled)
        {
            return;
        }
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await alerts.EvaluateAsync(cancellationToken: stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Evaluating the alert rules failed");
            }
            await Task.Delay(TimeSpan.FromSeconds(options.CurrentValue.EvaluateEverySeconds), time, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }
}
