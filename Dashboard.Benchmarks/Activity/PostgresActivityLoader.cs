using System.Collections.Concurrent;
using Dashboard.Core.Data;
using Dashboard.Core.Reporting.Rollups;
using Npgsql;
using NpgsqlTypes;

namespace Dashboard.Benchmarks.Activity;

/// <summary>
/// Writes generated messages into a migrated PostgreSQL database with binary COPY: messages on one
/// connection and their events on a second, at the same time (two server processes, two cores).
/// The secondary indexes, foreign keys and rollup triggers are dropped for the load and put back
/// after; the rollups are then counted once, as on SQLite, and the tables vacuumed and analysed so
/// the planner and index-only scans see what a long-running database would.
/// </summary>
internal static class PostgresActivityLoader
{
    private const string Tables = "'\"Messages\"'::regclass, '\"MessageEvents\"'::regclass";

    public static void Load(string connectionString, IEnumerable<GeneratedMessage> messages)
    {
        using var connection = Open(connectionString);
        var indexes = Read(connection,
            $"SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid) FROM pg_index i WHERE i.indrelid IN ({Tables}) " +
            "AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)");
        var foreignKeys = Read(connection,
            $"SELECT conrelid::regclass::text || ' ADD CONSTRAINT ' || quote_ident(conname), pg_get_constraintdef(oid) FROM pg_constraint WHERE contype = 'f' AND conrelid IN ({Tables})");
        foreach (var (table, _) in foreignKeys)
        {
            Execute(connection, $"ALTER TABLE {table.Replace(" ADD CONSTRAINT ", " DROP CONSTRAINT ", StringComparison.Ordinal)}");
        }
        foreach (var (name, _) in indexes)
        {
            Execute(connection, $"DROP INDEX {name}");
        }
        // The rollup triggers would do ~30 upserts a row; the rollups are counted once after the load.
        Execute(connection, RollupSql.DropTriggers(DatabaseProvider.Postgres));

        using var events = new BlockingCollection<GeneratedMessage>(boundedCapacity: 10_000);
        var eventWriter = Task.Run(() => CopyEvents(connectionString, events.GetConsumingEnumerable()));
        try
        {
            CopyMessages(connection, Forward(messages, events));
        }
        finally
        {
            events.CompleteAdding();
        }
        eventWriter.GetAwaiter().GetResult();

        Execute(connection, "SELECT setval(pg_get_serial_sequence('\"Messages\"', 'Id'), (SELECT max(\"Id\") FROM \"Messages\"))");
        foreach (var (_, sql) in indexes)
        {
            Execute(connection, sql);
        }
        foreach (var (table, definition) in foreignKeys)
        {
            Execute(connection, $"ALTER TABLE {table} {definition}");
        }
        Execute(connection, RollupSql.CreateTriggers(DatabaseProvider.Postgres));
        Execute(connection, RollupSql.Rebuild(DatabaseProvider.Postgres));
        Execute(connection, "VACUUM ANALYZE");
    }

    private static IEnumerable<GeneratedMessage> Forward(IEnumerable<GeneratedMessage> messages, BlockingCollection<GeneratedMessage> events)
    {
        foreach (var message in messages)
        {
            events.Add(message);
            yield return message;
        }
    }

    private static void CopyMessages(NpgsqlConnection connection, IEnumerable<GeneratedMessage> messages)
    {
        using var copy = connection.BeginBinaryImport(
            "COPY \"Messages\" (\"Id\", \"PublicId\", \"SubmissionId\", \"Sender\", \"Recipient\", \"RecipientDomain\", \"RecipientProvider\", " +
            "\"Subject\", \"SizeBytes\", \"MessageIdHeader\", \"Source\", \"SubmittedBy\", \"CreatedAt\", \"Status\", \"UpdatedAt\", " +
            "\"BouncedAfterDelivery\", \"DeliveredByRelay\", \"LastReplyCode\", \"LastEnhancedStatus\", \"LastResponse\", \"Reason\", \"IsHard\", \"Tags\") " +
            "FROM STDIN (FORMAT BINARY)");
        foreach (var m in messages)
        {
            copy.StartRow();
            copy.Write(m.Id, NpgsqlDbType.Bigint);
            copy.Write(m.PublicId, NpgsqlDbType.Varchar);
            copy.Write(m.SubmissionId, NpgsqlDbType.Varchar);
            copy.Write(m.Sender, NpgsqlDbType.Text);
            copy.Write(m.Recipient, NpgsqlDbType.Text);
            copy.Write(m.RecipientDomain, NpgsqlDbType.Text);
            copy.Write(m.RecipientProvider, NpgsqlDbType.Text);
            copy.Write(m.Subject, NpgsqlDbType.Text);
            copy.Write(m.SizeBytes, NpgsqlDbType.Integer);
            copy.Write(m.MessageIdHeader, NpgsqlDbType.Text);
            copy.Write(0, NpgsqlDbType.Integer);
            copy.Write(GeneratedMessage.SubmittedBy, NpgsqlDbType.Text);
            copy.Write(m.CreatedAt, NpgsqlDbType.Bigint);
            copy.Write((int)m.Status, NpgsqlDbType.Integer);
            copy.Write(m.UpdatedAt, NpgsqlDbType.Bigint);
            copy.Write(false, NpgsqlDbType.Boolean);
            copy.Write(false, NpgsqlDbType.Boolean);
            WriteNullable(copy, m.ReplyCode, NpgsqlDbType.Integer);
            WriteNullable(copy, m.EnhancedStatus, NpgsqlDbType.Text);
            copy.Write(m.Response, NpgsqlDbType.Text);
            WriteNullable(copy, m.Reason, NpgsqlDbType.Text);
            WriteNullable(copy, m.IsHard, NpgsqlDbType.Boolean);
            WriteNullable(copy, m.Tags, NpgsqlDbType.Text);
        }
        copy.Complete();
    }

    private static void CopyEvents(string connectionString, IEnumerable<GeneratedMessage> messages)
    {
        using var connection = Open(connectionString);
        using var copy = connection.BeginBinaryImport(
            "COPY \"MessageEvents\" (\"MessageId\", \"OccurredAt\", \"Type\", \"ReplyCode\", \"EnhancedStatus\", \"Response\", \"RemoteHost\", " +
            "\"Reason\", \"IsHard\", \"Rule\", \"Evidence\", \"Advice\") FROM STDIN (FORMAT BINARY)");
        foreach (var m in messages)
        {
            foreach (var e in m.Events)
            {
                copy.StartRow();
                copy.Write(m.Id, NpgsqlDbType.Bigint);
                copy.Write(e.OccurredAt, NpgsqlDbType.Bigint);
                copy.Write((int)e.Type, NpgsqlDbType.Integer);
                WriteNullable(copy, e.ReplyCode, NpgsqlDbType.Integer);
                WriteNullable(copy, e.EnhancedStatus, NpgsqlDbType.Text);
                WriteNullable(copy, e.Response, NpgsqlDbType.Text);
                WriteNullable(copy, e.RemoteHost, NpgsqlDbType.Text);
                WriteNullable(copy, e.Reason, NpgsqlDbType.Text);
                WriteNullable(copy, e.IsHard, NpgsqlDbType.Boolean);
                WriteNullable(copy, e.Rule, NpgsqlDbType.Text);
                WriteNullable(copy, e.Evidence, NpgsqlDbType.Text);
                WriteNullable(copy, e.Advice, NpgsqlDbType.Text);
            }
        }
        copy.Complete();
    }

    private static void WriteNullable<T>(NpgsqlBinaryImporter copy, T? value, NpgsqlDbType type)
        where T : struct
    {
        if (value is { } present)
        {
            copy.Write(present, type);
        }
        else
        {
            copy.WriteNull();
        }
    }

    private static void WriteNullable(NpgsqlBinaryImporter copy, string? value, NpgsqlDbType type)
    {
        if (value is null)
        {
            copy.WriteNull();
        }
        else
        {
            copy.Write(value, type);
        }
    }

    private static NpgsqlConnection Open(string connectionString)
    {
        var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        // A bulk load: nothing to lose on a crash, and index builds want memory.
        Execute(connection, "SET synchronous_commit = off; SET maintenance_work_mem = '512MB'");
        return connection;
    }

    private static List<(string, string)> Read(NpgsqlConnection connection, string sql)
    {
        using var command = new NpgsqlCommand(sql, connection);
        using var reader = command.ExecuteReader();
        var rows = new List<(string, string)>();
        while (reader.Read())
        {
            rows.Add((reader.GetString(0), reader.GetString(1)));
        }
        return rows;
    }

    private static void Execute(NpgsqlConnection connection, string sql)
    {
        using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        command.ExecuteNonQuery();
    }
}
