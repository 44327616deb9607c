using System.Text;
using Dashboard.Core.Classification;
using Dashboard.Core.Data;
using Dashboard.Core.Messages;

namespace Dashboard.Core.Reporting.Rollups;

/// <summary>
/// The triggers (SQLite's, or PostgreSQL's plpgsql) that journal every change to what a message
/// counts as (<see cref="RollupChange"/>), the fold that adds the journal to <see cref="DeliveryRollup"/>
/// and <see cref="BounceReasonRollup"/>, and the statement that rebuilds them from the messages.
/// Triggers rather than code in the services: every writer (the pipeline, inbound bounces, recovery,
/// a re-classification, a bulk load) is covered in its own transaction, and no caller can forget. See docs/decisions/2026-11-29-report-rollups.md. The statements inside
/// are one text for both engines; only the trigger wrapping and the GLOB in the backfill differ.
/// </summary>
public static class RollupSql
{
    private const string Rollups = "\"DeliveryRollups\"";
    private const string Reasons = "\"BounceReasonRollups\"";
    private const string Changes = "\"RollupChanges\"";

    private static readonly (RollupPeriod Period, long Ticks)[] Periods =
    [
        (RollupPeriod.Hour, TimeSpan.TicksPerHour),
        (RollupPeriod.Day, TimeSpan.TicksPerDay),
        (RollupPeriod.Week, 7 * TimeSpan.TicksPerDay),
        (RollupPeriod.FourWeeks, FourWeekTicks),
    ];

    private const long FourWeekTicks = 28 * TimeSpan.TicksPerDay;

    /// <summary>The length of a <paramref name="period"/> bucket in ticks; buckets start at multiples of it from tick 0.</summary>
    public static long TicksOf(RollupPeriod period) => Periods.Single(p => p.Period == period).Ticks;

    /// <summary>Whether bounce reasons are counted in <paramref name="period"/> too (four-week rows serve only the rankings' bounds).</summary>
    private static bool HasReasons(RollupPeriod period) => period != RollupPeriod.FourWeeks;

    private static readonly string[] CountColumns =
        ["Processed", "Delivered", "SoftBounces", "HardBounces", "Rejected", "Complaints", "SenderSideSoftBounces"];

    private static readonly string[] TriggerNames =
    [
        "Rollups_MessageInserted", "Rollups_MessageStatusChanged", "Rollups_MessageDeleted",
        "Rollups_TaggedMessageInserted", "Rollups_TaggedMessageStatusChanged", "Rollups_TaggedMessageDeleted",
    ];

    /// <summary>Drops the triggers (before a bulk load, or to replace them).</summary>
    public static string DropTriggers(DatabaseProvider provider) => string.Join("\n", TriggerNames.Select(name => provider == DatabaseProvider.Sqlite
        ? $"DROP TRIGGER IF EXISTS \"{name}\";"
        : $"DROP TRIGGER IF EXISTS \"{name}\" ON \"Messages\";"));

    /// <summary>
    /// Creates the triggers on "Messages": each writes the message's keys and counts to the journal
    /// (<see cref="RollupChange"/>) as it is inserted (+1), changes what it counts as (−1 the old row,
    /// +1 the new) or is deleted (−1); <see cref="Fold"/> adds the journal to the rollups. A status
    /// change that moves no count (Queued → Sending → Interrupted all count only as processed) writes
    /// nothing.
    /// </summary>
    public static string CreateTriggers(DatabaseProvider provider)
    {
        var sql = new StringBuilder();
        var differs = provider == DatabaseProvider.Sqlite ? "IS NOT" : "IS DISTINCT FROM";
        var processedOnly = string.Join(", ", new[] { MessageStatus.Queued, MessageStatus.Sending, MessageStatus.Interrupted }.Select(s => (int)s));
        var bounced = $"{(int)MessageStatus.SoftBounced}, {(int)MessageStatus.HardBounced}";
        var changed = $"(OLD.\"Status\" {differs} NEW.\"Status\" AND NOT (OLD.\"Status\" IN ({processedOnly}) AND NEW.\"Status\" IN ({processedOnly})))"
            + $" OR (OLD.\"Reason\" {differs} NEW.\"Reason\" AND (OLD.\"Status\" IN ({bounced}) OR NEW.\"Status\" IN ({bounced})))";
        Trigger(sql, provider, "Rollups_MessageInserted", "INSERT", when: null, body => Journal(body, "NEW", +1));
        Trigger(sql, provider, "Rollups_MessageStatusChanged", "UPDATE OF \"Status\", \"Reason\"", when: changed, body =>
        {
            Journal(body, "OLD", -1);
            Journal(body, "NEW", +1);
        });
        Trigger(sql, provider, "Rollups_MessageDeleted", "DELETE", when: null, body => Journal(body, "OLD", -1));
        return sql.ToString();
    }

    private static void Journal(StringBuilder sql, string row, int sign) => sql.AppendLine($"""
        INSERT INTO {Changes} ("Sign", "CreatedAt", "Sender", "RecipientProvider", "Tags", "Status", "Reason")
        VALUES ({sign}, {row}."CreatedAt", lower({row}."Sender"), {row}."RecipientProvider", {row}."Tags", {row}."Status", {row}."Reason");
        """);

    /// <summary>
    /// Adds every journalled change to the rollups and empties the journal, in one transaction the
    /// caller opens (see <see cref="RollupFolder"/>). On PostgreSQL the journal is locked against
    /// new rows first, so what is deleted is exactly what was counted; SQLite's single writer gives
    /// the same from the first statement on.
    /// </summary>
    public static string Fold(DatabaseProvider provider) => provider == DatabaseProvider.Sqlite ? SqliteFold.Value : PostgresFold.Value;

    private static readonly Lazy<string> SqliteFold = new(() => MakeFold(DatabaseProvider.Sqlite));
    private static readonly Lazy<string> PostgresFold = new(() => MakeFold(DatabaseProvider.Postgres));

    private static string MakeFold(DatabaseProvider provider)
    {
        var keys = new RollupKeys(provider, tags: true);
        var sql = new StringBuilder();
        if (provider == DatabaseProvider.Postgres)
        {
            // Conflicts with the ROW EXCLUSIVE lock of every insert, and with itself (two folders wait in turn).
            sql.AppendLine($"LOCK TABLE {Changes} IN SHARE ROW EXCLUSIVE MODE;");
        }
        foreach (var (period, ticks) in Periods)
        {
            foreach (var key in keys.For("m"))
            {
                sql.AppendLine($"""
                    INSERT INTO {Rollups} ("Period", "BucketStart", "Tag", "Sender", "Provider", {ColumnList})
                    SELECT {(int)period}, m."CreatedAt" / {ticks} * {ticks}, {key.Tag}, {key.Sender}, {key.Provider}, {string.Join(", ", Counts("m").Select(c => $"SUM(m.\"Sign\" * {c})"))}
                    FROM {Changes} AS m WHERE {key.Condition} GROUP BY 2, 3, 4, 5
                    {UpsertRollup};
                    """);
                if (!HasReasons(period)) continue;
                sql.AppendLine($"""
                    INSERT INTO {Reasons} ("Period", "BucketStart", "Tag", "Sender", "Provider", "Reason", "IsHard", "Count")
                    SELECT {(int)period}, m."CreatedAt" / {ticks} * {ticks}, {key.Tag}, {key.Sender}, {key.Provider}, {ReasonOf("m")}, {IsHardOf("m")}, SUM(m."Sign")
                    FROM {Changes} AS m WHERE {IsBounce("m")} AND {key.Condition} GROUP BY 2, 3, 4, 5, 6, 7
                    {UpsertReason};
                    """);
            }
        }
        sql.AppendLine($"DELETE FROM {Changes};");
        return sql.ToString();
    }

    /// <summary>
    /// The triggers as they were before the journal: every rollup row written by the trigger itself.
    /// Only for the migrations that created them then (Issue14Reports, Issue14TagRollups), which run
    /// before the journal exists; <paramref name="tags"/> false: as before messages had tags.
    /// </summary>
    public static string CreateLegacyTriggers(DatabaseProvider provider, bool tags = true)
    {
        var keys = new RollupKeys(provider, tags);
        var sql = new StringBuilder();
        var changed = provider == DatabaseProvider.Sqlite
            ? "(OLD.\"Status\" IS NOT NEW.\"Status\" OR OLD.\"Reason\" IS NOT NEW.\"Reason\")"
            : "(OLD.\"Status\" IS DISTINCT FROM NEW.\"Status\" OR OLD.\"Reason\" IS DISTINCT FROM NEW.\"Reason\")";
        foreach (var (prefix, tagged) in tags ? new[] { ("Rollups_", false), ("Rollups_Tagged", true) } : [("Rollups_", false)])
        {
            string? Having(string row) => tagged ? $"{row}.\"Tags\" IS NOT NULL" : null;
            string? Both(string? a, string? b) => a is null ? b : b is null ? a : $"{a} AND ({b})";
            Trigger(sql, provider, $"{prefix}MessageInserted", "INSERT", when: Having("NEW"),
                body => Apply(body, keys.For("NEW", tagged), "NEW", +1));
            Trigger(sql, provider, $"{prefix}MessageStatusChanged", "UPDATE OF \"Status\", \"Reason\"",
                when: Both(changed, tagged ? "OLD.\"Tags\" IS NOT NULL OR NEW.\"Tags\" IS NOT NULL" : null),
                body =>
                {
                    Apply(body, keys.For("OLD", tagged), "OLD", -1);
                    Apply(body, keys.For("NEW", tagged), "NEW", +1);
                });
            Trigger(sql, provider, $"{prefix}MessageDeleted", "DELETE", when: Having("OLD"),
                body => Apply(body, keys.For("OLD", tagged), "OLD", -1));
        }
        return sql.ToString();
    }

    // SQLite's triggers hold their statements; PostgreSQL's call a plpgsql function of the same name.
    private static void Trigger(StringBuilder sql, DatabaseProvider provider, string name, string events, string? when, Action<StringBuilder> body)
    {
        if (provider == DatabaseProvider.Sqlite)
        {
            sql.AppendLine($"CREATE TRIGGER \"{name}\" AFTER {events} ON \"Messages\"");
            if (when is not null) sql.AppendLine($"WHEN {when}");
            sql.AppendLine("BEGIN");
            body(sql);
            sql.AppendLine("END;");
            return;
        }
        sql.AppendLine($"CREATE OR REPLACE FUNCTION \"{name}\"() RETURNS trigger LANGUAGE plpgsql AS $body$");
        sql.AppendLine("BEGIN");
        body(sql);
        sql.AppendLine("RETURN NULL;");
        sql.AppendLine("END $body$;");
        sql.AppendLine($"CREATE TRIGGER \"{name}\" AFTER {events} ON \"Messages\" FOR EACH ROW");
        if (when is not null) sql.AppendLine($"WHEN ({when})");
        sql.AppendLine($"EXECUTE FUNCTION \"{name}\"();");
    }

    /// <summary>
    /// Empties both rollups and counts them again from every message (after a bulk load or a
    /// migration). Changes still in the journal are counted again by the next fold: fold (or empty
    /// the journal) first. <paramref name="tags"/> as in <see cref="CreateLegacyTriggers"/>.
    /// </summary>
    public static string Rebuild(DatabaseProvider provider, bool tags = true)
    {
        var keys = new RollupKeys(provider, tags);
        var sql = new StringBuilder($"DELETE FROM {Rollups};\nDELETE FROM {Reasons};\n");
        foreach (var (period, ticks) in Periods)
        {
            foreach (var key in keys.For("m"))
            {
                sql.AppendLine($"""
                    INSERT INTO {Rollups} ("Period", "BucketStart", "Tag", "Sender", "Provider", {ColumnList})
                    SELECT {(int)period}, m."CreatedAt" / {ticks} * {ticks}, {key.Tag}, {key.Sender}, {key.Provider}, {string.Join(", ", Counts("m").Select(c => $"SUM({c})"))}
                    FROM "Messages" AS m WHERE {key.Condition} GROUP BY 2, 3, 4, 5
                    {UpsertRollup};
                    """);
            }
        }
        foreach (var (period, ticks) in Periods.Where(p => HasReasons(p.Period)))
        {
            foreach (var key in keys.For("m"))
            {
                sql.AppendLine($"""
                    INSERT INTO {Reasons} ("Period", "BucketStart", "Tag", "Sender", "Provider", "Reason", "IsHard", "Count")
                    SELECT {(int)period}, m."CreatedAt" / {ticks} * {ticks}, {key.Tag}, {key.Sender}, {key.Provider}, {ReasonOf("m")}, {IsHardOf("m")}, COUNT(*)
                    FROM "Messages" AS m WHERE {IsBounce("m")} AND {key.Condition} GROUP BY 2, 3, 4, 5, 6, 7
                    {UpsertReason};
                    """);
            }
        }
        return sql.ToString();
    }

    /// <summary>
    /// Counts the four-week delivery rollups from the weekly ones (four whole weeks from tick 0 make
    /// one four-week bucket): for the migration that introduced them, without reading the messages.
    /// Changes still in the journal are added to every period, four-week ones included, by the next fold.
    /// </summary>
    public static string FourWeeksFromWeeks() => $"""
        DELETE FROM {Rollups} WHERE "Period" = {(int)RollupPeriod.FourWeeks};
        INSERT INTO {Rollups} ("Period", "BucketStart", "Tag", "Sender", "Provider", {ColumnList})
        SELECT {(int)RollupPeriod.FourWeeks}, "BucketStart" / {FourWeekTicks} * {FourWeekTicks}, "Tag", "Sender", "Provider", {string.Join(", ", CountColumns.Select(c => $"SUM(\"{c}\")"))}
        FROM {Rollups} WHERE "Period" = {(int)RollupPeriod.Week} GROUP BY 2, 3, 4, 5;
        """;

    /// <summary>
    /// Sets "RecipientProvider" of every message from <see cref="MailboxProviders.Table"/>, as
    /// <see cref="MailboxProviders.Of"/> would (for messages stored before the column existed).
    /// </summary>
    public static string BackfillProviders(DatabaseProvider provider)
    {
        var domain = "lower(rtrim(trim(\"RecipientDomain\"), '.'))";
        // "yahoo.*": the name, a dot, one more label. SQLite's GLOB and instr; PostgreSQL's LIKE and strpos.
        string StartsWith(string prefix) => provider == DatabaseProvider.Sqlite
            ? $"{domain} GLOB '{prefix}*' AND instr({domain}, '.') = {prefix.Length}"
            : $"{domain} LIKE '{prefix}%' AND strpos({domain}, '.') = {prefix.Length}";
        var cases = MailboxProviders.Table.SelectMany(p => p.Domains.Select(d => d.EndsWith(".*", StringComparison.Ordinal)
            ? $"WHEN {StartsWith(d[..^1])} THEN '{p.Provider}'"
            : $"WHEN {domain} = '{d}' THEN '{p.Provider}'"));
        return $"UPDATE \"Messages\" SET \"RecipientProvider\" = CASE {string.Join(" ", cases)} ELSE {domain} END;";
    }

    // Adds to a row that exists. The rebuild needs it too: one tag can stand first on one message and
    // second on another, so two of its statements (one per tag position) reach the same row.
    private static string UpsertRollup =>
        $"ON CONFLICT (\"Period\", \"Tag\", \"Sender\", \"Provider\", \"BucketStart\") DO UPDATE SET {string.Join(", ", CountColumns.Select(c => $"\"{c}\" = {Rollups}.\"{c}\" + excluded.\"{c}\""))}";

    private static string UpsertReason =>
        $"ON CONFLICT (\"Period\", \"Tag\", \"Sender\", \"Provider\", \"BucketStart\", \"Reason\", \"IsHard\") DO UPDATE SET \"Count\" = {Reasons}.\"Count\" + excluded.\"Count\"";

    private static string ColumnList => string.Join(", ", CountColumns.Select(c => $"\"{c}\""));

    /// <summary>
    /// The per-column counts one message contributes, as SQL expressions over <paramref name="row"/>.
    /// CASE, not a bare comparison: PostgreSQL's comparisons are booleans, which do not add up.
    /// </summary>
    private static IEnumerable<string> Counts(string row)
    {
        var status = $"{row}.\"Status\"";
        static string Count(string condition) => $"(CASE WHEN {condition} THEN 1 ELSE 0 END)";
        yield return "1";
        // A complaint or unsubscribe comes after a delivery: the server accepted the message.
        yield return Count($"{status} IN ({(int)MessageStatus.Delivered}, {(int)MessageStatus.Complained}, {(int)MessageStatus.Unsubscribed})");
        yield return Count($"{status} = {(int)MessageStatus.SoftBounced}");
        yield return Count($"{status} = {(int)MessageStatus.HardBounced}");
        yield return Count($"{status} = {(int)MessageStatus.Rejected}");
        yield return Count($"{status} = {(int)MessageStatus.Complained}");
        var senderSide = string.Join(", ", ReasonParties.SenderSide.Order().Select(r => $"'{r}'"));
        yield return Count($"{status} = {(int)MessageStatus.SoftBounced} AND lower({row}.\"Reason\") IN ({senderSide})");
    }

    private static string IsBounce(string row) =>
        $"{row}.\"Status\" IN ({(int)MessageStatus.SoftBounced}, {(int)MessageStatus.HardBounced})";

    private static string IsHardOf(string row) => $"({row}.\"Status\" = {(int)MessageStatus.HardBounced})";

    private static string ReasonOf(string row) => $"coalesce(lower({row}.\"Reason\"), '{Classification.Reasons.Undefined}')";

    /// <summary>Adds (<paramref name="sign"/> = +1) or takes away (−1) the message in <paramref name="row"/> (NEW or OLD).</summary>
    private static void Apply(StringBuilder sql, IReadOnlyList<RollupKeys.Key> keys, string row, int sign)
    {
        var counts = Counts(row).Select(c => sign > 0 ? c : $"-{c}").ToList();
        foreach (var (period, ticks) in Periods)
        {
            // INSERT … SELECT … WHERE, not VALUES: a tag's rows are written only when the message has
            // that tag (and SQLite's upsert after a SELECT needs the WHERE to parse).
            foreach (var key in keys)
            {
                sql.AppendLine($"""
                    INSERT INTO {Rollups} ("Period", "BucketStart", "Tag", "Sender", "Provider", {ColumnList})
                    SELECT {(int)period}, {row}."CreatedAt" / {ticks} * {ticks}, {key.Tag}, {key.Sender}, {key.Provider}, {string.Join(", ", counts)}
                    WHERE {key.Condition}
                    {UpsertRollup};
                    """);
            }
            if (!HasReasons(period)) continue;
            foreach (var key in keys)
            {
                sql.AppendLine($"""
                    INSERT INTO {Reasons} ("Period", "BucketStart", "Tag", "Sender", "Provider", "Reason", "IsHard", "Count")
                    SELECT {(int)period}, {row}."CreatedAt" / {ticks} * {ticks}, {key.Tag}, {key.Sender}, {key.Provider}, {ReasonOf(row)}, {IsHardOf(row)}, {sign}
                    WHERE {IsBounce(row)} AND {key.Condition}
                    {UpsertReason};
                    """);
            }
        }
    }
}
