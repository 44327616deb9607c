using Dashboard.Core.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Dashboard.Tests.Support;

/// <summary>
/// A real database, migrated with the real migrations, that lives as long as this object: SQLite in
/// memory (one open connection keeps it alive, every context made by <see cref="Factory"/> shares
/// it), or, in the PostgreSQL run (<see cref="TestPostgres.Enabled"/>), a database of its own on
/// the test cluster, dropped on dispose.
/// </summary>
public sealed class TestDatabase : IDisposable
{
    private readonly SqliteConnection? _connection;
    private readonly string? _postgres;
    private readonly string? _file;

    /// <param name="separateConnections">
    /// On SQLite, a file that each context opens a connection of its own to, as the app does (and as
    /// two app instances would), instead of one shared in-memory connection. PostgreSQL always works so.
    /// </param>
    public TestDatabase(bool separateConnections = false)
    {
        if (TestPostgres.Enabled)
        {
            _postgres = TestPostgres.CreateDatabase();
            Options = new DbContextOptionsBuilder<DashboardDbContext>().UsePostgres(_postgres).Options;
        }
        else if (separateConnections)
        {
            _file = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"dashboard-test-{Guid.NewGuid():N}.db");
            var builder = new DbContextOptionsBuilder<DashboardDbContext>();
            builder.UseDashboardDatabase(new DatabaseOptions { Path = _file });
            Options = builder.Options;
            using var db = new DashboardDbContext(Options);
            db.Database.Migrate();
        }
        else
        {
            _connection = new SqliteConnection("Data Source=:memory:");
            _connection.Open();
            Options = new DbContextOptionsBuilder<DashboardDbContext>().UseSqlite(_connection).Options;
            using var db = new DashboardDbContext(Options);
            db.Database.Migrate();
        }
        Factory = FactoryOf(Options);
    }

    public DbContextOptions<DashboardDbContext> Options { get; }

    /// <summary>The engine under this test: SQLite, or PostgreSQL in the PostgreSQL run.</summary>
    public DatabaseProvider Provider => _postgres is null ? DatabaseProvider.Sqlite : DatabaseProvider.Postgres;

    /// <summary>Hands out contexts on the shared connection, as IDbContextFactory does in the app.</summary>
    public IDbContextFactory<DashboardDbContext> Factory { get; }

    /// <summary>Contexts on this database whose commands or connections also go through <paramref name="interceptor"/> (to count or hold them).</summary>
    public IDbContextFactory<DashboardDbContext> FactoryWith(IInterceptor interceptor) =>
        FactoryOf(new DbContextOptionsBuilder<DashboardDbContext>(Options).AddInterceptors(interceptor).Options);

    /// <summary>Contexts made from <paramref name="options"/>, as IDbContextFactory hands them out in the app.</summary>
    public static IDbContextFactory<DashboardDbContext> FactoryOf(DbContextOptions<DashboardDbContext> options) => new Factory(options);

    public DashboardDbContext CreateContext() => new(Options);

    public void Dispose()
    {
        _connection?.Dispose();
        if (_file is not null)
        {
            SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { "", "-wal", "-shm", "-journal" })
            {
                File.Delete(_file + suffix);
            }
        }
        if (_postgres is not null)
        {
            TestPostgres.DropDatabase(_postgres);
        }
    }
}

file sealed class Factory(DbContextOptions<DashboardDbContext> options) : IDbContextFactory<DashboardDbContext>
{
    public DashboardDbContext CreateDbContext() => new(options);
}
