using Dashboard.Core.Data;
using Dashboard.Core.Messages;
using Dashboard.Core.Reporting;

namespace Dashboard.Benchmarks.Activity;

/// <summary>
/// Fills a migrated database with realistic activity: 90 days of messages (time ordered, as the
/// pipeline writes them), about three events each, a real-world status mix, big-provider and
/// company domains, a handful of senders and templated subjects. The same rows on both engines;
/// each engine's loader writes them in bulk with the indexes dropped and rebuilt after, which is
/// several times faster than maintaining them row by row.
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

    /// <summary>
    /// Writes <paramref name="count"/> messages ending at <paramref name="now"/> into the migrated
    /// database of <paramref name="provider"/>, then counts the rollups from them as a migration
    /// would; returns a sample of existing values for the queries.
    /// </summary>
    public static GeneratedSample Fill(DatabaseProvider provider, string connectionString, int count, DateTimeOffset now, int seed = 42)
    {
        var sample = new GeneratedSample();
        var rows = Generate(count, now, seed, sample);
        if (provider == DatabaseProvider.Postgres)
        {
            PostgresActivityLoader.Load(connectionString, rows);
        }
        else
        {
            SqliteActivityLoader.Load(connectionString, rows);
        }
        return sample;
    }

    /// <summary>The sample <see cref="Fill"/> returns, for a database generated before with the same arguments (nothing is written).</summary>
    public static GeneratedSample Sample(int count, DateTimeOffset now, int seed = 42)
    {
        var sample = new GeneratedSample();
        foreach (var _ in Generate(count, now, seed, sample))
        {
        }
        return sample;
    }

    /// <summary>The messages in time order, each with its events; fills <paramref name="sample"/> on the way.</summary>
    private static IEnumerable<GeneratedMessage> Generate(int count, DateTimeOffset now, int seed, GeneratedSample sample)
    {
        var random = new Random(seed);
        var companyDomains = Enumerable.Range(0, 2000).Select(i => $"{LastNames[i % LastNames.Length]}{i}.example").ToArray();
        var recipientPool = Math.Max(1000, count / 5);
        var span = TimeSpan.FromDays(90).Ticks;
        var start = now.UtcTicks - span;
        var providers = new Dictionary<string, string>();

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
            var sender = Senders[random.Next(Senders.Length)];
            var size = random.Next(2_000, 80_000);

            var events = new List<GeneratedEvent>(3) { new(created, MessageEventType.Queued, null, null, null, null, null, null) };
            if (outcome.Status != MessageStatus.Rejected)
            {
                events.Add(new(created + 5_000_000, MessageEventType.Sending, null, null, null, $"mx{random.Next(1, 5)}.{domain}", null, null));
            }
            events.Add(new(created + 20_000_000, outcome.Event, outcome.Code, outcome.Enhanced, outcome.Response, $"mx1.{domain}", outcome.Reason, outcome.Hard));

            if (!providers.TryGetValue(domain, out var provider))
            {
                providers[domain] = provider = MailboxProviders.Of(domain);
            }
            if (i == count - 10) { sample.Recipient = recipient; sample.PublicId = publicId; }
            if (i == count - 20) { sample.NamePrefix = $"{first}.{last}"; }
            if (i == count / 2) { sample.CompanyDomain = companyDomains[0]; }

            yield return new GeneratedMessage(id, publicId, sender, recipient, domain, provider, subject, size, created,
                outcome.Status, outcome.Code, outcome.Enhanced, outcome.Response, outcome.Reason, outcome.Hard, events, PickTags(random));
        }
    }

    // Campaign and template tags as a sender's software would set them: most mail has one, some two or
    // three, some none; a few dozen distinct values, as the tag filter and the "By tag" table expect.
    private static readonly string[] TagValues =
        [.. new[] { "newsletter", "receipt", "welcome", "password-reset", "invoice", "shipping", "abandoned-cart", "survey" }
            .Concat(Enumerable.Range(1, 24).Select(w => $"campaign-2026-w{w:00}"))];

    private static string? PickTags(Random random)
    {
        var roll = random.NextDouble();
        var count = roll < 0.2 ? 0 : roll < 0.8 ? 1 : roll < 0.95 ? 2 : 3;
        return count == 0 ? null : string.Join(',', Enumerable.Range(0, count).Select(_ => TagValues[random.Next(TagValues.Length)]).Distinct());
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
}
