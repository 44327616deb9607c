using Dashboard.Core.Data;
using Dashboard.Core.Reporting.Rollups;
using Microsoft.Data.Sqlite;

namespace Dashboard.Benchmarks.Activity;

/// <summary>
/// Writes generated messages into a migrated SQLite file: prepared statements in one transaction,
/// the indexes and rollup triggers dropped during the load and put back after, then the rollups
/// counted once.
/// </summary>
internal static class SqliteActivityLoader
{
    public static void Load(string connectionString, IEnumerable<GeneratedMessage> messages)
    {
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        Execute(connection, "PRAGMA journal_mode = WAL; PRAGMA synchronous = OFF; PRAGMA cache_size = -200000;");
        var indexes = new List<(string Name, string Sql)>();
        using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name IN ('Messages', 'MessageEvents') AND sql IS NOT NULL";
            using var reader = list.ExecuteReader();
            while (reader.Read())
            {
                indexes.Add((reader.GetString(0), reader.GetString(1)));
            }
        }
        foreach (var (name, _) in indexes)
        {
            Execute(connection, $"DROP INDEX \"{name}\"");
        }
        // The rollup triggers would do ~30 upserts a row; the rollups are counted once after the load.
        Execute(connection, RollupSql.DropTriggers(DatabaseProvider.Sqlite));

        using (var transaction = connection.BeginTransaction())
        {
            using var insertMessage = connection.CreateCommand();
            insertMessage.Transaction = transaction;
            insertMessage.CommandText =
                "INSERT INTO Messages (Id, PublicId, SubmissionId, Sender, Recipient, RecipientDomain, RecipientProvider, Subject, SizeBytes, MessageIdHeader, Source, SubmittedBy, CreatedAt, Status, UpdatedAt, BouncedAfterDelivery, DeliveredByRelay, LastReplyCode, LastEnhancedStatus, LastResponse, Reason, IsHard, Tags) " +
                "VALUES ($id, $pid, $sub, $sender, $rcpt, $domain, $provider, $subject, $size, $mid, 0, $by, $created, $status, $updated, 0, 0, $code, $enh, $resp, $reason, $hard, $tags)";
            var m = Parameters(insertMessage, "$id", "$pid", "$sub", "$sender", "$rcpt", "$domain", "$provider", "$subject", "$size", "$mid", "$by", "$created", "$status", "$updated", "$code", "$enh", "$resp", "$reason", "$hard", "$tags");
            using var insertEvent = connection.CreateCommand();
            insertEvent.Transaction = transaction;
            insertEvent.CommandText =
                "INSERT INTO MessageEvents (MessageId, OccurredAt, Type, ReplyCode, EnhancedStatus, Response, RemoteHost, Reason, IsHard, Rule, Evidence, Advice) " +
                "VALUES ($mid, $at, $type, $code, $enh, $resp, $host, $reason, $hard, $rule, $evidence, $advice)";
            var e = Parameters(insertEvent, "$mid", "$at", "$type", "$code", "$enh", "$resp", "$host", "$reason", "$hard", "$rule", "$evidence", "$advice");
            insertMessage.Prepare();
            insertEvent.Prepare();

            foreach (var message in messages)
            {
                Set(m, message.Id, message.PublicId, message.SubmissionId, message.Sender, message.Recipient, message.RecipientDomain,
                    message.RecipientProvider, message.Subject, message.SizeBytes, message.MessageIdHeader, GeneratedMessage.SubmittedBy,
                    message.CreatedAt, (int)message.Status, message.UpdatedAt, message.ReplyCode, message.EnhancedStatus, message.Response,
                    message.Reason, message.IsHard, message.Tags);
                insertMessage.ExecuteNonQuery();
                foreach (var ev in message.Events)
                {
                    Set(e, message.Id, ev.OccurredAt, (int)ev.Type, ev.ReplyCode, ev.EnhancedStatus, ev.Response, ev.RemoteHost,
                        ev.Reason, ev.IsHard, ev.Rule, ev.Evidence, ev.Advice);
                    insertEvent.ExecuteNonQuery();
                }
            }
            transaction.Commit();
        }
        foreach (var (_, sql) in indexes)
        {
            Execute(connection, sql);
        }
        Execute(connection, RollupSql.CreateTriggers(DatabaseProvider.Sqlite));
        Execute(connection, RollupSql.Rebuild(DatabaseProvider.Sqlite));
        Execute(connection, "PRAGMA wal_checkpoint(TRUNCATE);");
    }

    private static SqliteParameter[] Parameters(SqliteCommand command, params string[] names) =>
        names.Select(name => command.Parameters.Add(new SqliteParameter(name, null))).ToArray();

    private static void Set(SqliteParameter[] parameters, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            parameters[i].Value = values[i] ?? DBNull.Value;
        }
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
