using System.ComponentModel.DataAnnotations;

namespace Dashboard.Core.Data;

/// <summary>Which database engine holds the data, and where. Bound from the "Database" section.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    /// <summary>The engine. Defaults to <see cref="DatabaseProvider.Sqlite"/> (a file, nothing to install).</summary>
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Path of the SQLite file, relative to the working directory (SQLite only). Defaults to "dashboard.db".</summary>
    [Required]
    public string Path { get; set; } = "dashboard.db";

    /// <summary>
    /// The PostgreSQL connection string, e.g. "Host=db;Database=dashboard;Username=dashboard;Password=…"
    /// (PostgreSQL only; required there). Defaults to none.
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>How long a SQLite writer waits for a lock before failing, in milliseconds. Defaults to 5000.</summary>
    [Range(0, 600_000)]
    public int BusyTimeoutMs { get; set; } = 5000;

    /// <summary>Null when usable; otherwise what is wrong, for the start-up error.</summary>
    public string? Problem() => Provider switch
    {
        DatabaseProvider.Postgres when string.IsNullOrWhiteSpace(ConnectionString) =>
            "Database:ConnectionString is required when Database:Provider is Postgres (e.g. Host=db;Database=dashboard;Username=dashboard;Password=…).",
        DatabaseProvider.Sqlite or DatabaseProvider.Postgres => null,
        _ => "Database:Provider must be Sqlite or Postgres.",
    };
}
