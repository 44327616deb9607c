using Dashboard.Core.Sandbox;

namespace Dashboard.Core.Demo;

/// <summary>
/// Makes up realistic traffic: a few senders, a stable pool of readers at the big providers'
/// sandbox look-alikes, and the sandbox's scripted addresses for bounces. Deterministic per seed and day.
/// </summary>
internal sealed class DemoScenario(int seed)
{
    private static readonly string[] FirstNames =
    [
        "emma", "liam", "olivia", "noah", "ava", "lucas", "mia", "leo", "sofia", "elias", "amelia", "hugo", "chloe", "arthur",
        "lina", "jonas", "nora", "felix", "alice", "oscar", "julia", "adam", "zoe", "samuel", "ines", "david", "clara", "omar",
    ];

    private static readonly string[] LastNames =
    [
        "martin", "smith", "muller", "rossi", "garcia", "dubois", "jansen", "kowalski", "silva", "novak", "berg", "lopez",
        "schmidt", "moreau", "weber", "bianchi", "nielsen", "costa", "fischer", "wagner",
    ];

    private static readonly string[] Providers = ["gmail.test", "yahoo.test", "outlook.test", "icloud.test", "proton.test", "gmx.test", "acme-corp.test"];

    private static readonly (string From, string[] Subjects)[] Senders =
    [
        ("news@shop.example", ["Spring sale: 20% off everything", "New arrivals this week", "Your weekly picks", "Last chance: free shipping ends tonight"]),
        ("orders@shop.example", ["Your order has shipped", "Order confirmation", "Your receipt", "Your parcel is out for delivery"]),
        ("alerts@app.example", ["Sign-in from a new device", "Your monthly usage report", "Password changed", "Invoice available"]),
        ("hello@app.example", ["Welcome aboard!", "Three tips to get started", "We miss you", "Your trial ends in 3 days"]),
    ];

    /// <summary>The domains the demo sends as: added as sender domains, so demo mail is signed.</summary>
    public static IReadOnlyList<string> SenderDomains { get; } = [.. Senders.Select(s => s.From[(s.From.IndexOf('@') + 1)..]).Distinct()];

    // Address kinds that bounce; +tags keep each one a fresh address so a suppression does not hide the next.
    private static readonly string[] HardBounceLocals = ["unknown", "nouser", "nobody", "unavailable"];
    private static readonly string[] SoftBounceLocals = ["full", "overquota", "storage", "throttled", "deferred", "busy", "greylisted", "blocked", "spam", "toobig", "disabled"];

    /// <summary>Hard bounces of the bad day's import, all within <see cref="ImportHour"/>.</summary>
    public const int ImportBurst = 14;

    /// <summary>When the bad day's import went out (UTC).</summary>
    public static readonly TimeSpan ImportHour = TimeSpan.FromHours(10);

    private readonly List<string> _readers = BuildReaders(seed);
    private int _tag;

    private readonly List<(string Address, DateTimeOffset At)> _recentHardBounces = [];

    /// <summary>Addresses that hard-bounced recently: re-sending to them makes the demo's rejections.</summary>
    private IReadOnlyList<string> RecentHardBounces
    {
        get
        {
            lock (_recentHardBounces)
            {
                return [.. _recentHardBounces.Select(r => r.Address)];
            }
        }
    }

    /// <summary>Remembers a hard bounce; forgets those old enough for their suppression to lapse soon.</summary>
    public void RememberHardBounce(string address, DateTimeOffset at)
    {
        lock (_recentHardBounces)
        {
            _recentHardBounces.Add((address, at));
            _recentHardBounces.RemoveAll(r => r.At < at.AddDays(-5));
        }
    }

    /// <summary>The target number of messages for <paramref name="day"/> (quieter at weekends).</summary>
    public int TargetFor(DateOnly day, int perDay)
    {
        var random = new Random(Mix(seed, day.DayNumber, 0));
        var weekend = day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
        return Math.Max(1, (int)(perDay * (weekend ? 0.6 : 1.1) * (0.85 + random.NextDouble() * 0.3)));
    }

    /// <summary>Plans <paramref name="count"/> submissions spread over <paramref name="day"/>, oldest first.</summary>
    public List<DemoPlan> PlanDay(DateOnly day, int count, bool badDay)
    {
        var random = new Random(Mix(seed, day.DayNumber, count));
        // Normal days stay well clear of the 5% line even on a small weekend day; one bad day crosses it.
        var bounceRate = badDay ? 0.03 + random.NextDouble() * 0.02 : 0.015 + random.NextDouble() * 0.015;
        var bounces = (int)Math.Round(count * bounceRate);
        var rejections = RecentHardBounces.Count == 0 ? 0 : random.Next(0, 3);
        // The bad day is a list import gone wrong: within one hour a burst of addresses that do not
        // exist, far above the usual hard bounces an hour (the cluster alert's pattern).
        var burst = badDay ? Math.Min(count, ImportBurst) : 0;
        var kinds = Enumerable.Repeat('h', burst).Concat(Enumerable.Repeat('b', bounces)).Concat(Enumerable.Repeat('r', rejections))
            .Concat(Enumerable.Repeat('d', Math.Max(0, count - burst - bounces - rejections))).Take(count).ToArray();
        random.Shuffle(kinds);

        var start = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var plans = new List<DemoPlan>(count);
        foreach (var kind in kinds)
        {
            var at = kind == 'h' ? start + ImportHour + TimeSpan.FromMinutes(random.NextDouble() * 50) : start + BusinessHoursOffset(random);
            plans.Add(Plan(random, at, kind, badDay));
        }
        plans.Sort((a, b) => a.At.CompareTo(b.At));
        return plans;
    }

    /// <summary>
    /// The <paramref name="n"/>th live submission, at <paramref name="at"/>: mostly delivered, a few
    /// bounces, and regularly the mailboxes that answer later (forwarding, complaints, out-of-office),
    /// so those cases show up within a minute or two.
    /// </summary>
    public DemoPlan PlanLive(Random random, DateTimeOffset at, int n)
    {
        var later = (n % 15) switch { 1 => "forward", 3 or 9 => "complain", 12 => "vacation", _ => null };
        if (later is not null)
        {
            var plan = Plan(random, at, 'd', badDay: false);
            return plan with { To = [$"{later}+{seed}x{Interlocked.Increment(ref _tag)}@{Providers[random.Next(Providers.Length)]}"] };
        }
        var roll = random.NextDouble();
        var kind = roll < 0.03 ? 'b' : roll < 0.035 && RecentHardBounces.Count > 0 ? 'r' : 'd';
        return Plan(random, at, kind, badDay: false);
    }

    private DemoPlan Plan(Random random, DateTimeOffset at, char kind, bool badDay)
    {
        var (from, subjects) = Senders[random.Next(Senders.Length)];
        var subject = subjects[random.Next(subjects.Length)];
        var recent = RecentHardBounces;
        List<string> to = kind switch
        {
            'b' => [BouncingAddress(random, badDay)],
            'h' => [$"{HardBounceLocals[random.Next(HardBounceLocals.Length)]}+{seed}x{Interlocked.Increment(ref _tag)}@{Providers[random.Next(Providers.Length - 1)]}"],
            'r' when recent.Count > 0 => [recent[random.Next(recent.Count)]],
            _ => [_readers[random.Next(_readers.Count)]],
        };
        // Now and then a message to a small group (a team newsletter, a shared inbox).
        if (kind == 'd' && random.NextDouble() < 0.04)
        {
            to.Add(_readers[random.Next(_readers.Count)]);
        }
        var body = $"Hello,\n\n{subject}. This is a demo message from the deliverability dashboard's sandbox.\n\nBest regards\n";
        return new DemoPlan(at, from, [.. to.Distinct()], subject, body);
    }

    private string BouncingAddress(Random random, bool badDay)
    {
        var tag = Interlocked.Increment(ref _tag);
        var provider = Providers[random.Next(Providers.Length - 1)];
        var roll = random.NextDouble();
        // The bad day is a list import gone wrong: many addresses that do not exist, a mistyped domain.
        var hardShare = badDay ? 0.75 : 0.45;
        if (roll < 0.05)
        {
            return $"reader{tag}@{(random.NextDouble() < 0.5 ? "nxdomain.test" : "down.test")}";
        }
        if (roll < hardShare)
        {
            return $"{HardBounceLocals[random.Next(HardBounceLocals.Length)]}+{seed}x{tag}@{provider}";
        }
        return $"{SoftBounceLocals[random.Next(SoftBounceLocals.Length)]}+{seed}x{tag}@{provider}";
    }

    // HashCode.Combine is seeded per process; the plan must be the same in every run, or a restart
    // would compute different targets and top days up again.
    private static int Mix(int a, int b, int c) => unchecked((((a * 397) ^ b) * 397) ^ c);

    private static TimeSpan BusinessHoursOffset(Random random)
    {
        // Most mail goes out in the working day (UTC 07–19), some around the clock.
        // Never the last minutes of a day: the send takes real time on top, and a message must stay on
        // its planned day or a restart would see that day short and top it up.
        var hours = random.NextDouble() < 0.8 ? 7 + random.NextDouble() * 12 : random.NextDouble() * 23.9;
        return TimeSpan.FromHours(hours);
    }

    private static List<string> BuildReaders(int seed)
    {
        var random = new Random(seed);
        var readers = new HashSet<string>();
        while (readers.Count < 600)
        {
            var first = FirstNames[random.Next(FirstNames.Length)];
            var last = LastNames[random.Next(LastNames.Length)];
            var style = random.Next(3);
            var local = style switch { 0 => $"{first}.{last}", 1 => $"{first}{random.Next(10, 99)}", _ => $"{first[0]}{last}" };
            var address = $"{local}@{Providers[random.Next(Providers.Length)]}";
            // Never collide with a scripted sandbox address.
            if (SandboxAddresses.For(address) == SandboxAddresses.Accepted)
            {
                readers.Add(address);
            }
        }
        return [.. readers];
    }
}
