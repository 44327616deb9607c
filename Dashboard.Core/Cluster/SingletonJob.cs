using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dashboard.Core.Cluster;

/// <summary>
/// Runs <typeparamref name="TJob"/> only while this instance holds the job's lock, so of several
/// instances on one database one runs it at a time. The others try again every
/// <see cref="ClusterOptions.LeaderRetrySeconds"/> and take over when the runner stops or dies.
/// When the lock is lost the job is stopped here. The job itself is unchanged: it is started and
/// stopped as the host would (its loop ends on the cancellation it already honours).
/// </summary>
public sealed class SingletonJob<TJob>(
    TJob job,
    SingletonLocks locks,
    IOptionsMonitor<ClusterOptions> options,
    TimeProvider time,
    ILogger<SingletonJob<TJob>> logger) : BackgroundService
    where TJob : BackgroundService
{
    private static readonly string Name = typeof(TJob).Name;

    private TimeSpan RetryInterval => TimeSpan.FromSeconds(options.CurrentValue.LeaderRetrySeconds);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            if (await TryAcquireAsync(stoppingToken) is { } held)
            {
                await using (held)
                {
                    if (await RunWhileHeldAsync(held, stoppingToken))
                    {
                        return;
                    }
                }
            }
            await Task.Delay(RetryInterval, time, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private async Task<SingletonLock?> TryAcquireAsync(CancellationToken stoppingToken)
    {
        try
        {
            return await locks.TryAcquireAsync(Name, stoppingToken);
        }
        catch (Exception e)
        {
            // Stopping cancels the attempt, which Npgsql may end in any error; anything else is worth a warning.
            if (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(e, "Could not ask the database who runs {Job}; trying again in {Seconds} s", Name, RetryInterval.TotalSeconds);
            }
            return null;
        }
    }

    /// <summary>Runs the job until it ends (true: its work here is done, or the host stops) or the lock is lost (false).</summary>
    private async Task<bool> RunWhileHeldAsync(SingletonLock held, CancellationToken stoppingToken)
    {
        logger.LogInformation("{Job} runs on this instance", Name);
        using var watching = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var lost = held.WaitUntilLostAsync(RetryInterval, watching.Token);
        await job.StartAsync(stoppingToken);
        await Task.WhenAny(job.ExecuteTask!, lost);
        await watching.CancelAsync();
        await lost;
        if (stoppingToken.IsCancellationRequested)
        {
            // The host stops: the lock was not lost (stopping ends the watch too, often before the job has
            // finished its current work), and the job ends here with the host.
            await job.StopAsync(CancellationToken.None);
            return true;
        }
        if (job.ExecuteTask!.IsCompleted)
        {
            // A job that ends by itself (disabled, or its work done) is not started again here; a failure
            // reaches the host as it would without this wrapper.
            await job.ExecuteTask;
            return true;
        }
        await job.StopAsync(CancellationToken.None);
        logger.LogWarning("{Job} stopped on this instance: it lost its lock; trying to take it again every {Seconds} s", Name, RetryInterval.TotalSeconds);
        return false;
    }
}
