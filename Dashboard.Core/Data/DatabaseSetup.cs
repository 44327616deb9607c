using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Dashboard.Core.Data;

/// <summary>Points a context at the configured engine, with that engine's migrations.</summary>
public static class DatabaseSetup
{
    /// <summary>The assembly that holds the PostgreSQL migrations (SQLite's are in Dashboard.Core).</summary>
    public const string PostgresMigrationsAssembly = "Dashboard.PostgresMigrations";

    /// <summary>Uses SQLite at <see cref="DatabaseOptions.Path"/> or PostgreSQL at <see cref="DatabaseOptions.ConnectionString"/>.</summary>
    public static DbContextOptionsBuilder UseDashboardDatabase(this DbContextOptionsBuilder options, DatabaseOptions database) =>
        database.Provider == DatabaseProvider.Postgres
            ? options.UsePostgres(database.ConnectionString!)
            : options.UseSqlite($"Data Source={database.Path}").AddInterceptors(new SqlitePragmaInterceptor(database.BusyTimeoutMs))
                // EF rebuilds a SQLite table in a migration with foreign keys off, a setting of the connection
                // that cannot change inside a transaction, and warns that it runs outside one. It leaves
                // nothing in the file if the migration fails, so the warning is only noise at every first
                // start; MigrationTests keeps it the only operation of ours that runs outside a transaction.
                .ConfigureWarnings(w => w.Log((RelationalEventId.NonTransactionalMigrationOperationWarning, LogLevel.Debug)));

    /// <summary>Uses PostgreSQL at <paramref name="connectionString"/>, with the PostgreSQL migrations.</summary>
    public static TBuilder UsePostgres<TBuilder>(this TBuilder options, string connectionString)
        where TBuilder : DbContextOptionsBuilder
    {
        options.UseNpgsql(connectionString, npgsql => npgsql.MigrationsAssembly(PostgresMigrationsAssembly));
        return options;
    }
}
