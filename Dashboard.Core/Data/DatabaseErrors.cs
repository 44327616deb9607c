using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Data;

/// <summary>Reads the engine's error behind a failed save, whichever engine it is.</summary>
public static class DatabaseErrors
{
    /// <summary>True when <paramref name="error"/> is a unique index refusing a second row (SQLite's constraint error 19, PostgreSQL's 23505).</summary>
    public static bool IsUniqueViolation(DbUpdateException error) => error.InnerException switch
    {
        Microsoft.Data.Sqlite.SqliteException sqlite => sqlite.SqliteErrorCode == 19,
        Npgsql.PostgresException postgres => postgres.SqlState == Npgsql.PostgresErrorCodes.UniqueViolation,
        _ => false,
    };
}
