using Dashboard.Tests.Support;

namespace Dashboard.Tests.Cluster;

/// <summary>
/// In the PostgreSQL run, one migrated database of its own that a test's instances share, dropped on
/// dispose; in the SQLite run none (<see cref="ConnectionString"/> is null: several instances need PostgreSQL).
/// </summary>
internal sealed class SharedDatabase : IDisposable
{
    public string? ConnectionString { get; } = TestPostgres.Enabled ? TestPostgres.CreateDatabase() : null;

    public void Dispose()
    {
        if (ConnectionString is not null)
        {
            TestPostgres.DropDatabase(ConnectionString);
        }
    }
}
