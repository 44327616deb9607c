using Dashboard.Core.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Dashboard.Tests.Support;

/// <summary>
/// The real PostgreSQL the data tests run against when DASHBOARD_TEST_PROVIDER=postgres:
/// scripts/test.sh starts a throwaway cluster and sets DASHBOARD_TEST_POSTGRES. Each test gets a
/// database of its own, copied from one migrated template (a copy takes milliseconds, migrating
/// takes seconds), and drops it when done.
/// </summary>
public static class TestPostgres
{
    private static readonly Lazy<string> Template = new(CreateTemplate);

    /// <summary>True when this test run is the PostgreSQL one.</summary>
    public static bool Enabled =>
        string.Equals(Environment.GetEnvironmentVariable("DASHBOARD_TEST_PROVIDER"), "postgres", StringComparison.OrdinalIgnoreCase);

    private static string Server => Environment.GetEnvironmentVariable("DASHBOARD_TEST_POSTGRES")
        ?? throw new InvalidOperationException("DASHBOARD_TEST_PROVIDER=postgres needs DASHBOARD_TEST_POSTGRES, a connection string for a superuser (scripts/test.sh sets both).");

    /// <summary>A new, migrated, empty database; its connection string.</summary>
    public static string CreateDatabase()
    {
        var name = $"dashboard_test_{Guid.NewGuid():N}";
        Execute($"CREATE DATABASE \"{name}\" TEMPLATE \"{Template.Value}\"");
        return For(name);
    }

    /// <summary>Drops the database of <paramref name="connectionString"/>, closing what still uses it.</summary>
    public static void DropDatabase(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        NpgsqlConnection.ClearAllPools();
        Execute($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
    }

    private static string CreateTemplate()
    {
        var name = $"dashboard_template_{Environment.ProcessId}";
        Execute($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
        Execute($"CREATE DATABASE \"{name}\"");
        // No pooling: a template must have no open connection when it is copied.
        var options = new DbContextOptionsBuilder<DashboardDbContext>().UsePostgres(For(name) + ";Pooling=false").Options;
        using (var db = new DashboardDbContext(options))
        {
            db.Database.Migrate();
        }
        return name;
    }

    private static string For(string database) => new NpgsqlConnectionStringBuilder(Server) { Database = database }.ConnectionString;

    private static void Execute(string sql)
    {
        using var connection = new NpgsqlConnection(Server + ";Pooling=false");
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }
}
