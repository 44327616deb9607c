using Dashboard.Core.Data;
using Dashboard.Core.Messages;
using Dashboard.Core.Reporting.Rollups;
using Microsoft.Data.Sqlite;

namespace Dashboard.Benchmarks.Activity;

/// <summary>
/// Fills a migrated database with realistic activity: 90 days of messages (time ordered, as the
/// pipeline writes them), about three events each, a real-world status mix, big-provider and
/// company domains, a handful of senders and templated subjects. Straight SQL with prepared
/// statements in one transaction; the indexes are dropped during the load and rebuilt after,
/// which is several times faster than maintaining them row by row.
/// </summary>
internal static class ActivityDataGenerator
{
    private static readonly (string Domain, double Weight)[] Providers =
    [
        ("gmail.com", 0.30), ("yahoo.com", 0.08), ("outlook.com", 0.08), ("hotmail.com", 0.05), ("icloud.com", 0.05),
        ("aol.com", 0.02), ("gmx.de", 0.02), ("web.de", 0.02), ("comcast.net", 0.02), ("proton.me", 0.01),
    ];

    private static readonly string[] FirstNames =
    [
        "james", "mary", "john", "patricia", "robert", "jennifer", "michael", "linda", "william", "elizabeth", "david",
        "barbara", "richard", "susan", "joseph", "jessica", "thomas", "sarah", "charles", "karen", "chris", "nancy",
        "daniel", "lisa", "matthew", "betty", "anthony", "margaret", "mark", "sandra", "paul", "ashley", "steven",
        "kim", "andrew", "emily", "josh", "donna", "kevin", "michelle", "brian", "carol", "george", "amanda", "ed",
        "melissa", "ron", "deborah", "tim", "stephanie", "jason", "rebecca", "jeff", "sharon", "ryan", "laura", "jacob",
        "cynthia", "gary", "kathleen", "nick", "amy", "eric", "angela", "jon", "shirley", "stephen", "anna", "larry",
    ];

    private static readonly string[] LastNames =
    [
        "smith", "johnson", "williams", "brown", "jones", "garcia", "miller", "davis", "rodriguez", "martinez", "hernandez",
        "lopez", "gonzalez", "wilson", "anderson", "thomas", "taylor", "moore", "jackson", "martin", "lee", "perez",
        "thompson", "white", "harris", "sanchez", "clark", "ramirez", "lewis", "robinson", "walker", "young", "allen",
        "king", "wright", "scott", "torres", "nguyen", "hill", "flores", "green", "adams", "nelson", "baker", "hall",
        "rivera", "campbell", "mitchell", "carter", "roberts", "mueller", "schmidt", "schneider", "fischer", "weber",
    ];

    public static readonly string[] Senders =
    [
        "news@shop.example", "billing@shop.example", "noreply@shop.example", "hello@startup.example",
        "alerts@bank.example", "team@saas.example", "support@saas.example", "digest@media.example",
    ];

    private static readonly string[] Subjects =
    [
        "Your order #{0} has shipped", "Invoice {0} for your account", "Reset your password", "Welcome aboard, {1}!",
        "Your weekly digest ({0})", "{1}, 20% off this weekend only", "Payment received - thank you",
        "Security alert: new sign-in", "Your subscription renews soon", "Action required: verify your email",
        "Monthly statement {0} is ready", "We miss you, {1}", "Receipt for order #{0}", "New comment on your post",
    ];

    private static readonly (MessageStatus Status, double Share, int? Code, string? Enhanced, string Response, string? Reason, bool? Hard, MessageEventType Event)[] Outcomes =
    [
        (MessageStatus.Delivered, 0.940, 250, "2.0.0", "250 2.0.0 OK  1732752000 a1b2c3d4e5si123456qkb.123 - gsmtp", null, null, MessageEventType.Delivered),
        (MessageStatus.SoftBounced, 0.015, 452, "4.2.2", "452 4.2.2 The email account that you tried to reach is over quota. Please direct the recipient to https://support.example/mail/?p=422", "mailboxfull", false, MessageEventType.SoftBounce),
        (MessageStatus.SoftBounced, 0.010, 421, "4.7.0", "421 4.7.0 [203.0.113.7] Our system has detected an unusual rate of unsolicited mail originating from your IP address. To protect our users from spam, mail sent from your IP address has been temporarily rate limited.", "toomanyconn", false, MessageEventType.SoftBounce),
        (MessageStatus.SoftBounced, 0.005, 554, "5.7.1", "554 5.7.1 Service unavailable; Client host [203.0.113.7] blocked using zen.spamhaus.org; https://www.spamhaus.org/query/ip/203.0.113.7", "blocked", false, MessageEventType.SoftBounce),
        (MessageStatus.HardBounced, 0.018, 550, "5.1.1", "550 5.1.1 The email account that you tried to reach does not exist. Please try double-checking the recipient's email address for typos or unnecessary spaces. Learn more at https://support.example/mail/?p=NoSuchUser", "userunknown", true, MessageEventType.HardBounce),
        (MessageStatus.HardBounced, 0.004, 550, "5.4.1", "550 5.4.1 Recipient address rejected: Access denied. AS(201806281) [DM6NAM11FT041.eop-nam11.prod.protection.outlook.com]", "userunknown", true, MessageEventType.HardBounce),
        (MessageStatus.Rejected, 0.0065, null, null, "Not sent: the address is on the suppression list (hard bounce).", null, null, MessageEventType.Rejected),
        (MessageStatus.Complained, 0.001, 250, "2.0.0", "250 2.0.0 OK", "feedback", null, MessageEventType.Complaint),
        (MessageStatus.Interrupted, 0.0005, null, null, "Sending was interrupted by a restart; not resent.", null, null, MessageEventType.Interrupted),
    ];

    /// <summary>Writes <paramref name="count"/> messages ending at <paramref name="now"/>; returns a sample of existing values for the queries.</summary>
    public static GeneratedSample Fill(string connectionString, int count, DateTimeOffset now, int seed = 42)
    {
        var random = new Random(seed);
        var companyDomains = Enumerable.Range(0, 2000).Select(i => $"{LastNames[i % LastNames.Length]}{i}.example").ToArray();
        var recipientPool = Math.Max(1000, count / 5);
        var span = TimeSpan.FromDays(90).Ticks;
        var start = now.UtcTicks - span;

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

        string sampleRecipient = "", sampleDomain = "", samplePublicId = "", sampleNamePrefix = "";
        using (var transaction = connection.BeginTransaction())
        {
            using var insertMessage = connection.CreateCommand();
            insertMessage.Transaction = transaction;
            insertMessage.CommandText =
                "INSERT INTO Messages (Id, PublicId, SubmissionId, Sender, Recipient, RecipientDomain, Subject, SizeBytes, MessageIdHeader, Source, SubmittedBy, CreatedAt, Status, UpdatedAt, BouncedAfterDelivery, DeliveredByRelay, LastReplyCode, LastEnhancedStatus, LastResponse, Reason, IsHard) " +
                "VALUES ($id, $pid, $sub, $sender, $rcpt, $domain, $subject, $size, $mid, 0, 'marketing', $created, $status, $updated, 0, 0, $code, $enh, $resp, $reason, $hard)";
            var m = new Dictionary<string, SqliteParameter>();
            foreach (var name in new[] { "$id", "$pid", "$sub", "$sender", "$rcpt", "$domain", "$subject", "$size", "$mid", "$created", "$status", "$updated", "$code", "$enh", "$resp", "$reason", "$hard" })
            {
                m[name] = insertMessage.Parameters.Add(new SqliteParameter(name, null));
            }
            using var insertEvent = connection.CreateCommand();
            insertEvent.Transaction = transaction;
            insertEvent.CommandText =
                "INSERT INTO MessageEvents (MessageId, OccurredAt, Type, ReplyCode, EnhancedStatus, Response, RemoteHost, Reason, IsHard, Rule, Evidence, Advice) " +
                "VALUES ($mid, $at, $type, $code, $enh, $resp, $host, $reason, $hard, $rule, $evidence, $advice)";
            var e = new Dictionary<string, SqliteParameter>();
            foreach (var name in new[] { "$mid", "$at", "$type", "$code", "$enh", "$resp", "$host", "$reason", "$hard", "$rule", "$evidence", "$advice" })
            {
                e[name] = insertEvent.Parameters.Add(new SqliteParameter(name, null));
            }
            insertMessage.Prepare();
            insertEvent.Prepare();

            for (var i = 0; i < count; i++)
            {
                var id = i + 1L;
                var created = start + (long)((double)span * i / count) + random.Next(0, 10_000_000);
                var person = random.Next(recipientPool);
                var first = FirstNames[person % FirstNames.Length];
                var last = LastNames[person / FirstNames.Length % LastNames.Length];
                var domain = PickDomain(random, person, companyDomains);
                var recipient = $"{first}.{last}{person / 100}@{domain}";
                var outcome = PickOutcome(random);
                var subject = string.Format(Subjects[random.Next(Subjects.Length)], random.Next(10_000, 99_999), char.ToUpperInvariant(first[0]) + first[1..]);
                var publicId = $"m{id:x8}{random.Next():x8}";

                m["$id"].Value = id;
                m["$pid"].Value = publicId;
                m["$sub"].Value = $"s{id:x8}";
                m["$sender"].Value = Senders[random.Next(Senders.Length)];
                m["$rcpt"].Value = recipient;
                m["$domain"].Value = domain;
                m["$subject"].Value = subject;
                m["$size"].Value = random.Next(2_000, 80_000);
                m["$mid"].Value = $"{publicId}@shop.example";
                m["$created"].Value = created;
                m["$status"].Value = (int)outcome.Status;
                m["$updated"].Value = created + 20_000_000;
                m["$code"].Value = (object?)outcome.Code ?? DBNull.Value;
                m["$enh"].Value = (object?)outcome.Enhanced ?? DBNull.Value;
                m["$resp"].Value = outcome.Response;
                m["$reason"].Value = (object?)outcome.Reason ?? DBNull.Value;
                m["$hard"].Value = (object?)outcome.Hard ?? DBNull.Value;
                insertMessage.ExecuteNonQuery();

                AddEvent(e, insertEvent, id, created, MessageEventType.Queued, null, null, null, null, null, null);
                if (outcome.Status != MessageStatus.Rejected)
                {
                    AddEvent(e, insertEvent, id, created + 5_000_000, MessageEventType.Sending, null, null, null, $"mx{random.Next(1, 5)}.{domain}", null, null);
                }
                AddEvent(e, insertEvent, id, created + 20_000_000, outcome.Event, outcome.Code, outcome.Enhanced, outcome.Response, $"mx1.{domain}", outcome.Reason, outcome.Hard);

                if (i == count - 10) { sampleRecipient = recipient; samplePublicId = publicId; }
                if (i == count - 20) { sampleNamePrefix = $"{first}.{last}"; }
                if (i == count / 2) { sampleDomain = companyDomains[0]; }
            }
            transaction.Commit();
        }
        foreach (var (_, sql) in indexes)
        {
            Execute(connection, sql);
        }
        Execute(connection, RollupSql.BackfillProviders(DatabaseProvider.Sqlite));
        Execute(connection, RollupSql.CreateTriggers(DatabaseProvider.Sqlite));
        Execute(connection, RollupSql.Rebuild(DatabaseProvider.Sqlite));
        Execute(connection, "PRAGMA wal_checkpoint(TRUNCATE);");
        return new GeneratedSample(sampleRecipient, sampleDomain, samplePublicId, sampleNamePrefix);
    }

    private static void AddEvent(Dictionary<string, SqliteParameter> e, SqliteCommand insert, long messageId, long at, MessageEventType type,
        int? code, string? enhanced, string? response, string? host, string? reason, bool? hard)
    {
        e["$mid"].Value = messageId;
        e["$at"].Value = at;
        e["$type"].Value = (int)type;
        e["$code"].Value = (object?)code ?? DBNull.Value;
        e["$enh"].Value = (object?)enhanced ?? DBNull.Value;
        e["$resp"].Value = (object?)response ?? DBNull.Value;
        e["$host"].Value = (object?)host ?? DBNull.Value;
        e["$reason"].Value = (object?)reason ?? DBNull.Value;
        e["$hard"].Value = (object?)hard ?? DBNull.Value;
        e["$rule"].Value = reason is null ? DBNull.Value : $"{reason}-text";
        e["$evidence"].Value = reason is null || response is null ? DBNull.Value : response[..Math.Min(40, response.Length)];
        e["$advice"].Value = reason is null ? DBNull.Value : hard == true ? "Remove the address from your list." : "Try again later.";
        insert.ExecuteNonQuery();
    }

    private static string PickDomain(Random random, int person, string[] companyDomains)
    {
        // A person keeps one domain: the same recipient always lands at the same place.
        var roll = new Random(person).NextDouble();
        foreach (var (domain, weight) in Providers)
        {
            if (roll < weight) return domain;
            roll -= weight;
        }
        return companyDomains[person % companyDomains.Length];
    }

    private static (MessageStatus Status, double Share, int? Code, string? Enhanced, string Response, string? Reason, bool? Hard, MessageEventType Event) PickOutcome(Random random)
    {
        var roll = random.NextDouble();
        foreach (var outcome in Outcomes)
        {
            if (roll < outcome.Share) return outcome;
            roll -= outcome.Share;
        }
        return Outcomes[0];
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}

/// <summary>Values known to exist in the generated data, so filters have something to find.</summary>
internal sealed record GeneratedSample(string Recipient, string CompanyDomain, string PublicId, string NamePrefix);
