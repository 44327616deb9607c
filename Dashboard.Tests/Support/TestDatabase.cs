using Dashboard.Core.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Tests.Support;

/// <summary>
/// A real SQLite database in memory, migrated with the real migrations, that lives as long as this
/// object: one open connection keeps it alive, every context made by <see cref="Factory"/> shares it.
/// </summary>
public sealed class TestDatabase : IDisposable
{
    private readonly SqliteConnection _connection;

    public TestDatabase()
    {
        _connection = new SqliteConnection("Data Source=:memory:");
        _connection.Open();
        Options = new DbContextOptionsBuilder<DashboardDbContext>().UseSqlite(_connection).Options;
        using var db = new DashboardDbContext(Options);
        db.Database.Migrate();
        Factory = new Factory(Options);
    }

    public DbContextOptions<DashboardDbContext> Options { get; }

    /// <summary>Hands out contexts on the shared connection, as IDbContextFactory does in the app.</summary>
    public IDbContextFactory<DashboardDbContext> Factory { get; }

    public DashboardDbContext CreateContext() => new(Options);

    public void Dispose() => _connection.Dispose();
}

file sealed class Factory(DbContextOptions<DashboardDbContext> options) : IDbContextFactory<DashboardDbContext>
{
    public DashboardDbContext CreateDbContext() => new(options);
}
