namespace Dashboard.Core.Data;

/// <summary>The database engines the dashboard runs on.</summary>
public enum DatabaseProvider
{
    /// <summary>One file next to the app: the default, nothing to install.</summary>
    Sqlite,

    /// <summary>A PostgreSQL server: for large volumes and several instances on one database.</summary>
    Postgres,
}
