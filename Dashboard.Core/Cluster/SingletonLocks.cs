using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Dashboard.Core.Data;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Dashboard.Core.Cluster;

/// <summary>
/// Hands out the lock that lets one instance run a singleton job. On PostgreSQL it is a session-level
/// advisory lock (<c>pg_try_advisory_lock</c>) held by an open connection of its own, so it ends with
/// that session: released on dispose, and by the server when the process dies, even by SIGKILL. On
/// SQLite (one process per file) every attempt succeeds.
/// </summary>
public sealed class SingletonLocks(IOptions<DatabaseOptions> database, TimeProvider time, ILogger<SingletonLock> logger)
{
    /// <summary>Takes the lock of <paramref name="job"/> if no other session holds it; null when one does.</summary>
    public async Task<SingletonLock?> TryAcquireAsync(string job, CancellationToken cancellationToken)
    {
        if (database.Value.Provider != DatabaseProvider.Postgres)
        {
            return new SingletonLock(job, null, 0, time, logger);
        }
        var connection = await OpenAsync(cancellationToken);
        try
        {
            await using var command = new NpgsqlCommand("SELECT pg_try_advisory_lock($1)", connection) { Parameters = { new() { Value = KeyOf(job) } } };
            if (await command.ExecuteScalarAsync(cancellationToken) is true)
            {
                return new SingletonLock(job, connection, KeyOf(job), time, logger);
            }
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
        await connection.DisposeAsync();
        return null;
    }

    /// <summary>Takes the lock of <paramref name="job"/>, waiting for as long as another session holds it.</summary>
    public async Task<SingletonLock> AcquireAsync(string job, CancellationToken cancellationToken)
    {
        if (database.Value.Provider != DatabaseProvider.Postgres)
        {
            return new SingletonLock(job, null, 0, time, logger);
        }
        var connection = await OpenAsync(cancellationToken);
        try
        {
            await using var command = new NpgsqlCommand("SELECT pg_advisory_lock($1)", connection) { Parameters = { new() { Value = KeyOf(job) } }, CommandTimeout = 0 };
            await command.ExecuteNonQueryAsync(cancellationToken);
            return new SingletonLock(job, connection, KeyOf(job), time, logger);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private async Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(database.Value.ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>The advisory lock key of <paramref name="job"/>: stable across processes and versions (not string.GetHashCode).</summary>
    internal static long KeyOf(string job) =>
        BinaryPrimitives.ReadInt64BigEndian(SHA256.HashData(Encoding.UTF8.GetBytes("dashboard.singleton-job." + job)));
}
