using Microsoft.Extensions.Logging;
using Npgsql;

namespace Dashboard.Core.Cluster;

/// <summary>
/// A singleton job's lock, held while this object lives (see <see cref="SingletonLocks"/>). On
/// PostgreSQL its connection must stay open and answering: <see cref="WaitUntilLostAsync"/> watches it.
/// </summary>
public sealed class SingletonLock : IAsyncDisposable
{
    // A session the server ends (restart, pg_terminate_backend, idle timeout) is noticed at once;
    // one that goes silent (a network partition) by a query that does not answer within this.
    private static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(5);

    private readonly string _job;
    private readonly NpgsqlConnection? _connection;
    private readonly long _key;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    internal SingletonLock(string job, NpgsqlConnection? connection, long key, TimeProvider time, ILogger logger)
    {
        _job = job;
        _connection = connection;
        _key = key;
        _time = time;
        _logger = logger;
    }

    /// <summary>
    /// Completes when the lock is lost: its session ended or stopped answering a query sent every
    /// <paramref name="checkEvery"/>. Also completes, without loss, when <paramref name="cancellationToken"/>
    /// is cancelled. On SQLite it is never lost.
    /// </summary>
    public async Task WaitUntilLostAsync(TimeSpan checkEvery, CancellationToken cancellationToken)
    {
        if (_connection is null)
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, _time, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            return;
        }
        var checkedAt = _time.GetTimestamp();
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                // Waiting reads the socket: the error a server sends as it ends the session arrives here.
                // A second at a time, so a cancellation never has to interrupt the connection.
                await _connection.WaitAsync(1000, CancellationToken.None);
                if (_time.GetElapsedTime(checkedAt) >= checkEvery)
                {
                    using var timeout = new CancellationTokenSource(CheckTimeout);
                    await using var command = new NpgsqlCommand("SELECT 1", _connection);
                    await command.ExecuteScalarAsync(timeout.Token);
                    checkedAt = _time.GetTimestamp();
                }
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                _logger.LogWarning(e, "The database session holding the lock of {Job} ended: the job stops on this instance", _job);
                return;
            }
        }
    }

    /// <summary>Releases the lock (closing its session releases it too, so a failure here loses nothing).</summary>
    public async ValueTask DisposeAsync()
    {
        if (_connection is null)
        {
            return;
        }
        try
        {
            if (_connection.FullState == System.Data.ConnectionState.Open)
            {
                await using var command = new NpgsqlCommand("SELECT pg_advisory_unlock($1)", _connection) { Parameters = { new() { Value = _key } } };
                await command.ExecuteScalarAsync();
            }
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException or TimeoutException)
        {
            _logger.LogDebug(e, "Releasing the lock of {Job} failed; its session is gone, and the lock with it", _job);
        }
        await _connection.DisposeAsync();
    }
}
