using Dashboard.Core.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Dashboard.Benchmarks;

/// <summary>
/// A migrated, empty database of its own for one benchmark size, removed on dispose: a SQLite file
/// in the temporary folder, or (with <c>--provider postgres</c>) a database created on the server
/// of <c>Database__ConnectionString</c>, which must be allowed to create and drop databases.
/// </summary>
internal sealed class BenchmarkDatabase : IAsyncDisposable
{
    private readonly string? adminConnectionString;
    private readonly string name;
    private readonly bool keep;

    private BenchmarkDatabase(DatabaseProvider provider, string name, string connectionString, string? adminConnectionString, bool keep)
    {
        Provider = provider;
        this.name = name;
        ConnectionString = connectionString;
        this.adminConnectionString = adminConnectionString;
        this.keep = keep;
        Options = (provider == DatabaseProvider.Postgres
            ? new DbContextOptionsBuilder<DashboardDbContext>().UsePostgres(connectionString)
            : new DbContextOptionsBuilder<DashboardDbContext>().UseSqlite(connectionString)).Options;
    }

    public DatabaseProvider Provider { get; }

    public string ConnectionString { get; }

    public DbContextOptions<DashboardDbContext> Options { get; }

    /// <summary>The provider named by <c>--provider sqlite|postgres</c> in <paramref name="args"/>; SQLite when absent.</summary>
    public static DatabaseProvider ProviderFrom(string[] args) =>
        args.SkipWhile(a => a != "--provider").Skip(1).FirstOrDefault()?.ToLowerInvariant() switch
        {
            null or "sqlite" => DatabaseProvider.Sqlite,
            "postgres" or "postgresql" => DatabaseProvider.Postgres,
            var other => throw new ArgumentException($"--provider {other}: use sqlite or postgres"),
        };

    /// <summary>Creates and migrates the database for <paramref name="verb"/> at <paramref name="size"/> messages.</summary>
    /// <param name="keep">Leave it behind on dispose (to look at it afterwards).</param>
    public static async Task<BenchmarkDatabase> CreateAsync(DatabaseProvider provider, string verb, int size, bool keep = false)
    {
        BenchmarkDatabase database;
        if (provider == DatabaseProvider.Postgres)
        {
            var admin = Environment.GetEnvironmentVariable("Database__ConnectionString")
                ?? throw new InvalidOperationException("--provider postgres needs Database__ConnectionString: a connection string of a role that may create databases.");
            var name = $"dashboard_bench_{verb}_{BenchmarkTimer.Label(size).ToLowerInvariant()}_{Guid.NewGuid():N}";
            await ExecuteAsync(admin, $"CREATE DATABASE \"{name}\"");
            var connectionString = new NpgsqlConnectionStringBuilder(admin) { Database = name, CommandTimeout = 0 }.ConnectionString;
            database = new BenchmarkDatabase(provider, name, connectionString, admin, keep);
        }
        else
        {
            var path = Path.Combine(Path.GetTempPath(), $"{verb}-bench-{size}-{Environment.ProcessId}.db");
            database = new BenchmarkDatabase(provider, path, $"Data Source={path}", null, keep);
        }
        await using (var db = new DashboardDbContext(database.Options))
        {
            await db.Database.MigrateAsync();
        }
        return database;
    }

    /// <summary>What the database takes on disk, in MB.</summary>
    public async Task<long> MegabytesAsync()
    {
        if (Provider == DatabaseProvider.Sqlite)
        {
            return new FileInfo(name).Length / 1_048_576;
        }
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT pg_database_size(current_database())", connection);
        return (long)(await command.ExecuteScalarAsync())! / 1_048_576;
    }

    public async ValueTask DisposeAsync()
    {
        if (Provider == DatabaseProvider.Postgres)
        {
            NpgsqlConnection.ClearAllPools();
            if (!keep)
            {
                await ExecuteAsync(adminConnectionString!, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
            }
            return;
        }
        SqliteConnection.ClearAllPools();
        foreach (var file in keep ? [] : new[] { name, name + "-wal", name + "-shm" })
        {
            File.Delete(file);
        }
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
