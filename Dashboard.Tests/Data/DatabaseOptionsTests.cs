using Dashboard.Core;
using Dashboard.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Dashboard.Tests.Data;

/// <summary>Issue 16: the engine is one setting, SQLite unless told otherwise, and PostgreSQL needs its connection string.</summary>
public sealed class DatabaseOptionsTests
{
    [Fact]
    public void WithoutSettingsTheDatabaseIsTheSqliteFile()
    {
        using var services = Services([]);

        var options = services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        using var db = services.GetRequiredService<IDbContextFactory<DashboardDbContext>>().CreateDbContext();

        Assert.Equal(DatabaseProvider.Sqlite, options.Provider);
        Assert.Equal(DatabaseProvider.Sqlite, db.Provider);
        Assert.Equal("dashboard.db", options.Path);
    }

    [Fact]
    public void PostgresWithoutAConnectionStringStopsTheStartNamingTheKey()
    {
        using var services = Services(new() { ["Database:Provider"] = "Postgres" });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<DatabaseOptions>>().Value);

        Assert.Contains("Database:ConnectionString", error.Message);
    }

    [Fact]
    public void PostgresWithAConnectionStringMakesPostgresContexts()
    {
        using var services = Services(new()
        {
            ["Database:Provider"] = "Postgres",
            ["Database:ConnectionString"] = "Host=127.0.0.1;Database=dashboard;Username=dashboard",
        });

        using var db = services.GetRequiredService<IDbContextFactory<DashboardDbContext>>().CreateDbContext();

        Assert.Equal(DatabaseProvider.Postgres, db.Provider);
        Assert.Contains(db.Database.GetMigrations(), m => m.EndsWith("_Initial", StringComparison.Ordinal));
    }

    private static ServiceProvider Services(Dictionary<string, string?> settings) =>
        new ServiceCollection().AddLogging()
            .AddDashboardCore(new ConfigurationBuilder().AddInMemoryCollection(settings).Build())
            .BuildServiceProvider();
}
