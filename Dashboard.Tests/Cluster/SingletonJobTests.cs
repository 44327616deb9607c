using Dashboard.Core.Cluster;
using Dashboard.Core.Data;
using Dashboard.Core.Demo;
using Dashboard.Core.Messages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Dashboard.Tests.Users;
using Npgsql;
using Xunit.Abstractions;

namespace Dashboard.Tests.Cluster;

/// <summary>
/// Singleton jobs on several instances sharing one PostgreSQL database: one runs each job at a time,
/// and another takes over when it stops or its session dies. These need two processes' worth of
/// sessions on one server, so they run in the PostgreSQL run (DASHBOARD_TEST_PROVIDER=postgres); the
/// SQLite run checks what SQLite means instead: one process per file, so the job always runs.
/// </summary>
public sealed class SingletonJobTests(ITestOutputHelper output) : IDisposable
{
    private static readonly TimeSpan TakeOver = TimeSpan.FromSeconds(10);

    private readonly SharedDatabase _shared = new();
    private readonly HoldLog _log = new();

    private string? Database => _shared.ConnectionString;

    public void Dispose() => _shared.Dispose();

    private Task<ClusterInstance> StartAsync(string name, int retrySeconds = 1) => ClusterInstance.StartAsync(Database!,
        new() { ["Cluster:LeaderRetrySeconds"] = retrySeconds.ToString(System.Globalization.CultureInfo.InvariantCulture) }, services =>
    {
        services.AddSingleton(new RecordingJob(_log, name));
        services.AddSingletonJob<RecordingJob>();
    });

    [Fact]
    public async Task TwoInstancesNeverRunOneJobAtOnceAndTheOtherTakesOverWhenTheRunnerStops()
    {
        if (Database is null)
        {
            return; // SQLite: one process per file; see OnSqliteTheJobRunsAtOnce.
        }
        var instances = new Dictionary<string, ClusterInstance>();
        var started = await Task.WhenAll(StartAsync("a"), StartAsync("b"));
        instances["a"] = started[0];
        instances["b"] = started[1];

        // Three turns: the first runner stops, the second takes over; a third instance joins, the second stops.
        Assert.True(await Eventually.TrueAsync(() => _log.Runner is not null, TakeOver), "nobody ran the job");
        await Task.Delay(TimeSpan.FromSeconds(2.5)); // the other instance tries twice meanwhile
        var first = _log.Runner!;
        await StopAsync(instances, first);
        Assert.True(await Eventually.TrueAsync(() => _log.Runner is { } r && r != first, TakeOver), "nobody took over");
        instances["c"] = await StartAsync("c");
        await Task.Delay(TimeSpan.FromSeconds(2.5));
        var second = _log.Runner!;
        await StopAsync(instances, second);
        Assert.True(await Eventually.TrueAsync(() => _log.Runner is { } r && r != second, TakeOver), "nobody took over the second time");
        foreach (var name in instances.Keys.ToList())
        {
            await StopAsync(instances, name);
        }

        var holds = _log.Holds;
        output.WriteLine(string.Join("; ", holds.Skip(1).Select((h, i) => $"{h.Instance} ran {Since(holds[i].End!.Value, h.Start)} ms after {holds[i].Instance} stopped")));
        Assert.Equal(1, _log.MostAtOnce);
        Assert.Equal(3, holds.Count);
        Assert.Equal(3, holds.Select(h => h.Instance).Distinct().Count());
        for (var i = 1; i < holds.Count; i++)
        {
            Assert.True(holds[i].Start >= holds[i - 1].End, $"turn {i} began before turn {i - 1} ended");
        }
    }

    [Fact]
    public async Task WhenTheRunnersDatabaseSessionDiesTheJobStopsThereAndAnotherInstanceTakesOver()
    {
        if (Database is null)
        {
            return; // SQLite has no session to lose.
        }
        // a looks again after 5 s, b every second: b is the one to take over.
        await using var a = await StartAsync("a", retrySeconds: 5);
        Assert.True(await Eventually.TrueAsync(() => _log.Runner == "a", TakeOver), "a did not run the job");
        await using var b = await StartAsync("b");
        await Task.Delay(TimeSpan.FromSeconds(1.5));

        // As a server restart, a failover or an idle-session timeout would: the session holding the lock ends.
        var terminatedAt = System.Diagnostics.Stopwatch.GetTimestamp();
        var ended = await TerminateLockHoldersAsync();

        Assert.Equal(1, ended);
        Assert.True(await Eventually.TrueAsync(() => _log.Holds[0].End is not null, TakeOver), "a kept running without its lock");
        Assert.True(await Eventually.TrueAsync(() => _log.Runner == "b", TakeOver), "b did not take over");
        Assert.Equal(2, _log.Holds.Count);
        output.WriteLine($"a stopped {Since(terminatedAt, _log.Holds[0].End!.Value)} ms after its session ended; b ran {Since(terminatedAt, _log.Holds[1].Start)} ms after");
    }

    [Fact]
    public async Task OnSqliteTheJobRunsAtOnce()
    {
        if (Database is not null)
        {
            return; // The PostgreSQL run checks the lock itself, above.
        }
        var locks = new SingletonLocks(Options.Create(new DatabaseOptions()), TimeProvider.System, NullLogger<SingletonLock>.Instance);
        var job = new SingletonJob<RecordingJob>(new RecordingJob(_log, "only"), locks,
            new StaticOptions(new ClusterOptions()), TimeProvider.System, NullLogger<SingletonJob<RecordingJob>>.Instance);

        await job.StartAsync(CancellationToken.None);
        var ran = await Eventually.TrueAsync(() => _log.Runner == "only", TimeSpan.FromSeconds(5));
        await job.StopAsync(CancellationToken.None);

        Assert.True(ran);
        Assert.NotNull(Assert.Single(_log.Holds).End);
    }

    [Fact]
    public async Task StoppingTheHostWhileTheJobFinishesItsWorkIsNotLosingTheLock()
    {
        // A real job (the webhook dispatcher, the alert monitor) takes a moment to end after it is told to
        // stop; stopping also ends the watch on the lock, often first. That is a stop, not a lost lock.
        using var captured = new CapturedLog();
        using var logging = LoggerFactory.Create(b => b.AddProvider(captured));
        var database = Database is null
            ? new DatabaseOptions()
            : new DatabaseOptions { Provider = DatabaseProvider.Postgres, ConnectionString = Database };
        var locks = new SingletonLocks(Options.Create(database), TimeProvider.System, logging.CreateLogger<SingletonLock>());
        var job = new SingletonJob<SlowToStopJob>(new SlowToStopJob(_log), locks,
            new StaticOptions(new ClusterOptions()), TimeProvider.System, logging.CreateLogger<SingletonJob<SlowToStopJob>>());

        await job.StartAsync(CancellationToken.None);
        Assert.True(await Eventually.TrueAsync(() => _log.Runner == "slow", TimeSpan.FromSeconds(10)), "the job did not run");
        await job.StopAsync(CancellationToken.None);

        Assert.NotNull(Assert.Single(_log.Holds).End);
        Assert.True(job.ExecuteTask!.IsCompletedSuccessfully);
        var warnings = captured.Entries.Where(e => e.Level >= LogLevel.Warning).Select(e => e.Message).ToList();
        Assert.True(warnings.Count == 0, "stopping was logged as: " + string.Join(" | ", warnings));
        Assert.Contains(captured.Entries, e => e.Message.Contains("SlowToStopJob runs on this instance", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TwoInstancesFillTheDemoHistoryOnce()
    {
        if (Database is null)
        {
            return; // Two instances on one SQLite file are not supported; DemoTrafficTests covers a restart.
        }
        var demo = new Dictionary<string, string?>
        {
            ["Demo:Enabled"] = "true",
            ["Demo:HistoryDays"] = "3",
            ["Demo:MessagesPerDay"] = "15",
            ["Demo:LiveIntervalSeconds"] = "0",
        };

        // Both start together: one fills the history; the other runs the job after it and finds it filled.
        var instances = await Task.WhenAll(ClusterInstance.StartAsync(Database, demo), ClusterInstance.StartAsync(Database, demo));
        try
        {
            var jobs = instances.Select(i => i.Services.GetServices<IHostedService>().OfType<SingletonJob<DemoTrafficService>>().Single()).ToList();
            await Task.WhenAll(jobs.Select(j => j.ExecuteTask!)).WaitAsync(TimeSpan.FromMinutes(3));
        }
        finally
        {
            foreach (var instance in instances)
            {
                await instance.DisposeAsync();
            }
        }

        var options = new DemoOptions();
        var scenario = new DemoScenario(options.Seed);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var planned = Enumerable.Range(1, 3).Sum(ago => scenario.TargetFor(today.AddDays(-ago), 15));
        await using var db = new DashboardDbContext(new DbContextOptionsBuilder<DashboardDbContext>().UsePostgres(Database).Options);
        var submissions = await db.Messages.Where(m => m.Source == MessageSource.Demo).Select(m => m.SubmissionId).Distinct().CountAsync();
        Assert.Equal(planned, submissions);
    }

    private static long Since(long from, long to) => (long)System.Diagnostics.Stopwatch.GetElapsedTime(from, to).TotalMilliseconds;

    private static async Task StopAsync(Dictionary<string, ClusterInstance> instances, string name)
    {
        await instances[name].DisposeAsync();
        instances.Remove(name);
    }

    private async Task<int> TerminateLockHoldersAsync()
    {
        await using var connection = new NpgsqlConnection(Database + ";Pooling=false");
        await connection.OpenAsync();
        // A bigint advisory key shows in pg_locks as classid (high half) and objid (low half).
        var key = SingletonLocks.KeyOf(nameof(RecordingJob));
        await using var command = new NpgsqlCommand("""
            SELECT count(pg_terminate_backend(pid)) FROM pg_locks
            WHERE locktype = 'advisory' AND granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
              AND classid::bigint = $1 AND objid::bigint = $2 AND objsubid = 1
            """, connection)
        {
            Parameters = { new() { Value = (long)(uint)(key >> 32) }, new() { Value = (long)(uint)key } },
        };
        return (int)(long)(await command.ExecuteScalarAsync())!;
    }

    private sealed class StaticOptions(ClusterOptions value) : IOptionsMonitor<ClusterOptions>
    {
        public ClusterOptions CurrentValue => value;

        public ClusterOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<ClusterOptions, string?> listener) => null;
    }
}
