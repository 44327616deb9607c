using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Dashboard.Core.Data;

/// <summary>
/// Sets per-connection pragmas: a busy timeout so the UI's reads and the pipeline's writes wait for
/// each other instead of failing, and synchronous NORMAL (with WAL, a commit survives a crash of the
/// app; only a power loss can take the last ones). WAL itself is a property of the file,
/// set once by <see cref="DatabaseInitializer"/>. Pragmas last as long as the native connection, and
/// the pool hands the same one out again and again: they are set the first time each is opened.
/// </summary>
internal sealed class SqlitePragmaInterceptor(int busyTimeoutMs) : DbConnectionInterceptor
{
    private static readonly object Applied = new();

    // Native connections that have their pragmas; an entry goes with its connection.
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<object, object> _applied = new();

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) =>
        Apply(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Apply(connection);
        return Task.CompletedTask;
    }

    private void Apply(DbConnection connection)
    {
        if (connection is Microsoft.Data.Sqlite.SqliteConnection { Handle: { } handle } && !_applied.TryAdd(handle, Applied))
        {
            return;
        }
        using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA busy_timeout = {busyTimeoutMs}; PRAGMA synchronous = NORMAL;";
        command.ExecuteNonQuery();
    }
}
