using System.Diagnostics;
using Microsoft.Extensions.Hosting;

namespace Dashboard.Tests.Cluster;

/// <summary>When each instance ran the recording job, shared by every instance in a test.</summary>
internal sealed class HoldLog
{
    private readonly Lock _gate = new();
    private readonly List<Hold> _holds = [];
    private int _running;

    /// <summary>The most instances that ran the job at one moment.</summary>
    public int MostAtOnce { get; private set; }

    public IReadOnlyList<Hold> Holds
    {
        get
        {
            lock (_gate)
            {
                return [.. _holds];
            }
        }
    }

    /// <summary>The instance running the job now, if one is.</summary>
    public string? Runner => Holds.LastOrDefault(h => h.End is null)?.Instance;

    public Hold Begin(string instance)
    {
        lock (_gate)
        {
            _running++;
            MostAtOnce = Math.Max(MostAtOnce, _running);
            var hold = new Hold(instance, Stopwatch.GetTimestamp());
            _holds.Add(hold);
            return hold;
        }
    }

    public void End(Hold hold)
    {
        lock (_gate)
        {
            _running--;
            hold.End = Stopwatch.GetTimestamp();
        }
    }
}

/// <summary>One instance's turn at the job, in Stopwatch timestamps.</summary>
internal sealed record Hold(string Instance, long Start)
{
    public long? End { get; set; }
}

/// <summary>A singleton job that only records when it runs, until it is stopped.</summary>
internal sealed class RecordingJob(HoldLog log, string instance) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var hold = log.Begin(instance);
        try
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
        finally
        {
            log.End(hold);
        }
    }
}

/// <summary>A singleton job that, told to stop, takes a moment to finish its current work, as real jobs do.</summary>
internal sealed class SlowToStopJob(HoldLog log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var hold = log.Begin("slow");
        try
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            await Task.Delay(TimeSpan.FromMilliseconds(300), CancellationToken.None);
        }
        finally
        {
            log.End(hold);
        }
    }
}
