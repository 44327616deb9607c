using Dashboard.Core.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Dashboard.Benchmarks;

/// <summary>
/// A migrated, empty database of its own for one benchmark size, removed on dispose: a SQLite file
/// in the temporary folder, or (with <c>--provider postgres</c>) a database created on the server
/// of <c>Database__ConnectionString</c>, which must be allowed to create and drop databases.
/// With <c>BENCH_REUSE=1</c> the generated data is shared between runs and verbs (activity and
/// reports read the same generated mail): a database of a fixed name per size, kept, and reused when
/// it already holds that many messages (<see cref="Reused"/>), so 10M messages are generated once.
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

    /// <summary>Whether the database already held the generated messages (<c>BENCH_REUSE=1</c>): do not generate them again.</summary>
    public bool Reused { get; private set; }

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
        var reuse = Environment.GetEnvironmentVariable("BENCH_REUSE") == "1";
        BenchmarkDatabase database;
        var exists = false;
        if (provider == DatabaseProvider.Postgres)
        {
            var admin = Environment.GetEnvironmentVariable("Database__ConnectionString")
                ?? throw new InvalidOperationException("--provider postgres needs Database__ConnectionString: a connection string of a role that may create databases.");
            var name = reuse
                ? $"dashboard_bench_data_{BenchmarkTimer.Label(size).ToLowerInvariant()}"
                : $"dashboard_bench_{verb}_{BenchmarkTimer.Label(size).ToLowerInvariant()}_{Guid.NewGuid():N}";
            exists = reuse && await ScalarAsync(admin, $"SELECT count(*) FROM pg_database WHERE datname = '{name}'") > 0;
            if (!exists)
            {
                await ExecuteAsync(admin, $"CREATE DATABASE \"{name}\"");
            }
            var connectionString = new NpgsqlConnectionStringBuilder(admin) { Database = name, CommandTimeout = 0 }.ConnectionString;
            database = new BenchmarkDatabase(provider, name, connectionString, admin, keep || reuse);
        }
        else
        {
            var path = Path.Combine(Path.GetTempPath(), reuse ? $"bench-data-{size}.db" : $"{verb}-bench-{size}-{Environment.ProcessId}.db");
            exists = reuse && File.Exists(path);
            database = new BenchmarkDatabase(provider, path, $"Data Source={path}", null, keep || reuse);
        }
        await using (var db = new DashboardDbContext(database.Options))
        {
            await db.Database.MigrateAsync();
            // Only a complete load counts: a run stopped while generating leaves fewer messages.
            if (exists && await db.Messages.LongCountAsync() == size)
            {
                database.Reused = true;
                Console.WriteLine($"{BenchmarkTimer.Label(size)}: reusing the {size:N0} messages generated before ({database.name})");
            }
            else if (exists)
            {
                await db.Database.EnsureDeletedAsync();
                await db.Database.MigrateAsync();
            }
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

    private static async Task<long> ScalarAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
