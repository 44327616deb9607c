using Dashboard.Core.Classification;
using Dashboard.Core.Messages;
using Dashboard.Core.Reporting;
using Dashboard.Core.Reporting.Rollups;
using Dashboard.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Tests.Reporting;

public sealed class ReportQueryServiceTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 15, 30, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Today = new(2026, 11, 28, 0, 0, 0, TimeSpan.Zero);

    private readonly TestDatabase _database = new();
    private readonly ReportQueryService _reports;

    public ReportQueryServiceTests()
    {
        _reports = new ReportQueryService(_database.Factory, new FakeTimeProvider(Now));
    }

    [Fact]
    public async Task DailySeriesLeavesRejectedOutOfTheRateAndShowsEmptyDaysAsZero()
    {
        var day = Today.AddDays(-3).AddHours(10);
        await AddAsync(day, MessageStatus.Delivered, 95);
        await AddAsync(day, MessageStatus.HardBounced, 2, reason: Reasons.UserUnknown);
        await AddAsync(day, MessageStatus.SoftBounced, 3, reason: Reasons.MailboxFull);
        await AddAsync(day, MessageStatus.Rejected, 100, reason: "suppressed");

        var series = await _reports.GetSeriesAsync(new ReportFilter { Range = ReportRange.Last30Days });

        Assert.Equal(30, series.Points.Count);
        Assert.Equal(Today.AddDays(-29), series.Points[0].Start);
        var busy = Assert.Single(series.Points, p => p.Counts.Processed > 0);
        Assert.Equal(Today.AddDays(-3), busy.Start);
        Assert.Equal(0.05, busy.Counts.BounceRate, precision: 10);
        Assert.All(series.Points.Where(p => p != busy), p => Assert.Equal(DeliveryCounts.Empty, p.Counts));
        Assert.Equal(200, series.Totals.Processed);
    }

    [Fact]
    public async Task DaysAreUtcDays()
    {
        await AddAsync(Today.AddTicks(-1), MessageStatus.HardBounced, 1, reason: Reasons.UserUnknown);
        await AddAsync(Today, MessageStatus.Delivered, 1);

        var series = await _reports.GetSeriesAsync(new ReportFilter { Range = ReportRange.Last7Days });

        Assert.Equal(1, series.Points.Single(p => p.Start == Today.AddDays(-1)).Counts.HardBounces);
        Assert.Equal(1, series.Points.Single(p => p.Start == Today).Counts.Delivered);
        Assert.Equal(0, series.Points.Single(p => p.Start == Today).Counts.HardBounces);
    }

    [Fact]
    public async Task TwentyFourHoursAreHourlyPointsEndingWithThisHour()
    {
        await AddAsync(Now.AddMinutes(-5), MessageStatus.SoftBounced, 2, reason: Reasons.Blocked);
        await AddAsync(Now.AddHours(-30), MessageStatus.Delivered, 7);

        var series = await _reports.GetSeriesAsync(new ReportFilter { Range = ReportRange.Last24Hours });

        Assert.Equal(24, series.Points.Count);
        Assert.Equal(new DateTimeOffset(2026, 11, 28, 15, 0, 0, TimeSpan.Zero), series.Points[^1].Start);
        Assert.Equal(2, series.Points[^1].Counts.SoftBounces);
        Assert.Equal(2, series.Totals.Processed);
    }

    [Fact]
    public async Task ProvidersGroupTheirDomainsAndTheRestStandForThemselves()
    {
        var at = Now.AddDays(-1);
        await AddAsync(at, MessageStatus.Delivered, 3, domain: "gmail.com");
        await AddAsync(at, MessageStatus.HardBounced, 1, domain: "googlemail.com", reason: Reasons.UserUnknown);
        await AddAsync(at, MessageStatus.Delivered, 2, domain: "hotmail.co.uk");
        await AddAsync(at, MessageStatus.SoftBounced, 2, domain: "live.com", reason: Reasons.Blocked);
        await AddAsync(at, MessageStatus.Delivered, 1, domain: "acme-corp.example");

        var rows = await _reports.GetBreakdownAsync(ReportDimension.Provider, new ReportFilter());

        Assert.Equal(["Google", "Microsoft", "acme-corp.example"], rows.Select(r => r.Key));
        var google = rows[0];
        Assert.Equal(4, google.Counts.Processed);
        Assert.Equal(1, google.Counts.HardBounces);
        Assert.Equal(Reasons.UserUnknown, google.TopReason);
        Assert.Equal(Reasons.Blocked, rows[1].TopReason);
        Assert.Equal(30, google.BounceRates.Count);
        Assert.Equal(25.0, google.BounceRates[^2]);
        Assert.Null(google.BounceRates[^1]);
    }

    [Fact]
    public async Task FiltersApplyToEverySeriesAndTable()
    {
        var at = Now.AddDays(-2);
        await AddAsync(at, MessageStatus.Delivered, 10, sender: "news@shop.example", domain: "gmail.com");
        await AddAsync(at, MessageStatus.HardBounced, 5, sender: "News@Shop.example", domain: "yahoo.com", reason: Reasons.UserUnknown);
        await AddAsync(at, MessageStatus.SoftBounced, 4, sender: "orders@shop.example", domain: "yahoo.com", reason: Reasons.Blocked);

        var newsOnly = new ReportFilter { Sender = "NEWS@shop.example" };
        var yahooOnly = new ReportFilter { Provider = "Yahoo" };

        Assert.Equal(15, (await _reports.GetSeriesAsync(newsOnly)).Totals.Processed);
        Assert.Equal(9, (await _reports.GetSeriesAsync(yahooOnly)).Totals.Processed);
        Assert.Equal(5, (await _reports.GetSeriesAsync(newsOnly with { Provider = "Yahoo" })).Totals.HardBounces);
        Assert.Equal(["Google", "Yahoo"], (await _reports.GetBreakdownAsync(ReportDimension.Provider, newsOnly)).Select(r => r.Key));
        Assert.Equal(["news@shop.example", "orders@shop.example"], (await _reports.GetBreakdownAsync(ReportDimension.Sender, yahooOnly)).Select(r => r.Key));
        var reasons = await _reports.GetBounceReasonsAsync(yahooOnly with { Sender = "orders@shop.example" });
        Assert.Equal(new ReasonCount(Reasons.Blocked, false, ActingParty.YourSide, 4), Assert.Single(reasons));
    }

    [Fact]
    public async Task BounceReasonsAreSplitByWhoMustAct()
    {
        var at = Now.AddDays(-1);
        await AddAsync(at, MessageStatus.HardBounced, 3, reason: Reasons.UserUnknown);
        await AddAsync(at, MessageStatus.SoftBounced, 2, reason: Reasons.MailboxFull);
        await AddAsync(at, MessageStatus.SoftBounced, 1, reason: Reasons.SpamDetected);

        var reasons = await _reports.GetBounceReasonsAsync(new ReportFilter { Range = ReportRange.Last7Days });

        Assert.Equal(
            [new(Reasons.UserUnknown, true, ActingParty.TheAddress, 3), new(Reasons.MailboxFull, false, ActingParty.RecipientSide, 2), new ReasonCount(Reasons.SpamDetected, false, ActingParty.YourSide, 1)],
            reasons);
    }

    [Fact]
    public async Task EachTagHasItsOwnFiguresAndFiltersEveryChart()
    {
        var at = Now.AddDays(-1);
        await AddAsync(at, MessageStatus.Delivered, 6, domain: "gmail.com", tags: "newsletter,q4.promo");
        await AddAsync(at, MessageStatus.HardBounced, 2, domain: "yahoo.com", reason: Reasons.UserUnknown, tags: "newsletter");
        await AddAsync(at, MessageStatus.SoftBounced, 1, domain: "gmail.com", sender: "orders@shop.example", reason: Reasons.MailboxFull, tags: "receipt,welcome,newsletter");
        await AddAsync(at, MessageStatus.Delivered, 5, domain: "gmail.com");

        var week = new ReportFilter { Range = ReportRange.Last7Days };
        var byTag = await _reports.GetBreakdownAsync(ReportDimension.Tag, week);

        // Untagged mail is in no tag's row; a message with three tags counts under each of them.
        Assert.Equal(["newsletter", "q4.promo", "receipt", "welcome"], byTag.Select(r => r.Key));
        var newsletter = byTag[0];
        Assert.Equal((9, 6, 1, 2), (newsletter.Counts.Processed, newsletter.Counts.Delivered, newsletter.Counts.SoftBounces, newsletter.Counts.HardBounces));
        Assert.Equal(Reasons.UserUnknown, newsletter.TopReason);
        Assert.Equal(6, byTag.Single(r => r.Key == "q4.promo").Counts.Delivered);
        Assert.Equal(Reasons.MailboxFull, byTag.Single(r => r.Key == "welcome").TopReason);

        var tagged = week with { Tag = "newsletter" };
        Assert.Equal(9, (await _reports.GetSeriesAsync(tagged)).Totals.Processed);
        Assert.Equal(["Google", "Yahoo"], (await _reports.GetBreakdownAsync(ReportDimension.Provider, tagged)).Select(r => r.Key));
        Assert.Equal(1, (await _reports.GetSeriesAsync(tagged with { Sender = "orders@shop.example" })).Totals.SoftBounces);
        Assert.Equal(2, Assert.Single(await _reports.GetBounceReasonsAsync(tagged with { Provider = "Yahoo" })).Count);
        Assert.Equal(["newsletter", "q4.promo", "receipt", "welcome"], (await _reports.GetDimensionValuesAsync(week)).Tags);
        Assert.Equal(14, (await _reports.GetSeriesAsync(week)).Totals.Processed);
    }

    [Fact]
    public async Task LongWindowsReadWholeWeeksAndTheDaysAtEitherEndAndAgreeWithTheDailySeries()
    {
        // Mail on 40 days of the last 90, on both ends of the window and in between.
        for (var d = 0; d < 90; d += 2)
        {
            await AddAsync(Today.AddDays(-d).AddHours(3), MessageStatus.Delivered, 1 + d % 3, domain: d % 4 == 0 ? "gmail.com" : "yahoo.com", tags: "newsletter");
            await AddAsync(Today.AddDays(-d).AddHours(5), MessageStatus.HardBounced, 1, domain: "gmail.com", reason: Reasons.UserUnknown);
        }
        await AddAsync(Today.AddDays(-95), MessageStatus.Delivered, 50, domain: "gmail.com"); // before the window

        var days90 = new ReportFilter { Range = ReportRange.Last90Days };
        var window = days90.Resolve(Now);
        var spans = ReportQueryService.Spans(window).ToList();
        Assert.Contains(spans, s => s.Period == RollupPeriod.Week);
        Assert.Equal(window.From, spans[0].From);
        Assert.Equal(window.To, spans[^1].To);
        Assert.All(spans.Zip(spans.Skip(1)), pair => Assert.Equal(pair.First.To, pair.Second.From));

        foreach (var by in new[] { ReportDimension.Provider, ReportDimension.Tag, ReportDimension.Sender })
        {
            foreach (var row in await _reports.GetBreakdownAsync(by, days90))
            {
                var filter = by switch
                {
                    ReportDimension.Provider => days90 with { Provider = row.Key },
                    ReportDimension.Tag => days90 with { Tag = row.Key },
                    _ => days90 with { Sender = row.Key },
                };
                Assert.Equal((await _reports.GetSeriesAsync(filter)).Totals, row.Counts);
            }
        }
        Assert.Equal(["Google", "Yahoo"], (await _reports.GetDimensionValuesAsync(days90)).Providers);
    }

    [Fact]
    public async Task ProviderTablesOverALongTailOfCompanyDomainsAreTheExactBusiestWithTheirTotals()
    {
        // Big providers and 60 company domains over the last 90 days, many hours of the last day among
        // them; tail volumes repeat, so ties at the 25th place are broken by name as documented.
        var sent = new List<(DateTimeOffset At, MessageStatus Status, int Count, string Domain, string Sender, string? Reason, string? Tag)>();
        var random = new Random(7);
        var domains = new[] { "gmail.com", "yahoo.com", "hotmail.com", "icloud.com" }
            .Concat(Enumerable.Range(0, 60).Select(i => $"company{i:00}.example")).ToArray();
        foreach (var (domain, i) in domains.Select((d, i) => (d, i)))
        {
            var batches = i < 4 ? 12 : 1 + i % 4;
            for (var b = 0; b < batches; b++)
            {
                var at = b % 2 == 0 ? Now.AddMinutes(-random.Next(1, 24 * 60)) : Now.AddDays(-random.Next(1, 89));
                var (status, reason) = random.Next(5) switch
                {
                    0 => (MessageStatus.HardBounced, (string?)Reasons.UserUnknown),
                    1 => (MessageStatus.SoftBounced, random.Next(2) == 0 ? Reasons.Blocked : Reasons.MailboxFull),
                    2 => (MessageStatus.Rejected, null),
                    _ => (MessageStatus.Delivered, null),
                };
                var count = i < 4 ? 5 + random.Next(20) : 1 + i % 3;
                var sender = b % 3 == 0 ? "orders@shop.example" : "news@shop.example";
                var tag = b % 2 == 0 ? "newsletter" : null;
                sent.Add((at, status, count, domain, sender, reason, tag));
                await AddAsync(at, status, count, domain: domain, sender: sender, reason: reason, tags: tag);
            }
        }

        var day = new ReportFilter { Range = ReportRange.Last24Hours };
        var days90 = new ReportFilter { Range = ReportRange.Last90Days };
        foreach (var filter in new[] { day, day with { Sender = "news@shop.example" }, days90, days90 with { Sender = "orders@shop.example" }, days90 with { Tag = "newsletter" } })
        {
            var window = filter.Resolve(Now);
            var expected = sent
                .Where(m => m.At >= window.From && m.At < window.To && (filter.Sender is null || m.Sender == filter.Sender) && (filter.Tag is null || m.Tag == filter.Tag))
                .GroupBy(m => MailboxProviders.Of(m.Domain))
                .Select(g => (Key: g.Key, Counts: new DeliveryCounts(
                    g.Sum(m => m.Count),
                    g.Where(m => m.Status == MessageStatus.Delivered).Sum(m => m.Count),
                    g.Where(m => m.Status == MessageStatus.SoftBounced).Sum(m => m.Count),
                    g.Where(m => m.Status == MessageStatus.HardBounced).Sum(m => m.Count),
                    g.Where(m => m.Status == MessageStatus.Rejected).Sum(m => m.Count)),
                    TopReason: g.Where(m => m.Reason is not null).GroupBy(m => m.Reason!).Select(r => (Reason: r.Key, Count: r.Sum(m => m.Count)))
                        .OrderByDescending(r => r.Count).ThenBy(r => r.Reason).Select(r => r.Reason).FirstOrDefault()))
                .OrderByDescending(p => p.Counts.Processed).ThenBy(p => p.Key, StringComparer.Ordinal)
                .Take(25)
                .ToList();

            var rows = await _reports.GetBreakdownAsync(ReportDimension.Provider, filter);

            Assert.True(expected.Count == 25, $"{filter.ToQueryString()}: the tail is longer than the table");
            Assert.Equal(expected, rows.Select(r => (r.Key, r.Counts, r.TopReason)));
            if (filter.Sender is null && filter.Tag is null)
            {
                Assert.Equal(expected.Select(p => p.Key), (await _reports.GetDimensionValuesAsync(filter)).Providers.Take(25));
            }
        }
    }

    [Fact]
    public async Task RankingsBoundedByFourWeekTotalsAreTheExactBusiestInEveryDailyWindow()
    {
        // Keys whose four-week bound misleads: busy just before the window starts (in the same
        // four-week bucket), busy only in the last days, tied with each other, and a long flat tail,
        // so a ranking that trusted the bound, or stopped reading too soon, would be wrong.
        var sent = new List<(DateTimeOffset At, int Count, string Domain, string Sender, string? Tag)>();
        var random = new Random(11);
        async Task Send(DateTimeOffset at, int count, string domain, string sender = "news@shop.example", string? tag = null)
        {
            sent.Add((at, count, domain, sender, tag));
            await AddAsync(at, MessageStatus.Delivered, count, domain: domain, sender: sender, tags: tag);
        }
        for (var i = 0; i < 70; i++)
        {
            var domain = $"tail{i:00}.example";
            await Send(Now.AddDays(-random.Next(0, 100)), 1 + i % 3, domain, i % 2 == 0 ? "news@shop.example" : "orders@shop.example", i % 3 == 0 ? "newsletter" : null);
            await Send(Now.AddDays(-random.Next(0, 10)), 1 + i % 2, domain, tag: i % 2 == 0 ? "newsletter" : null);
        }
        for (var i = 0; i < 12; i++)
        {
            // Just outside each window's start: 7, 30 and 90 days back, and a few days more.
            await Send(Today.AddDays(-(i % 3 == 0 ? 7 : i % 3 == 1 ? 30 : 90) - 1 - i % 4).AddHours(2), 40, $"before{i:00}.example");
            await Send(Today.AddDays(-1 - i % 5).AddHours(4), 3, $"before{i:00}.example");
        }
        foreach (var domain in new[] { "tie-b.example", "tie-a.example", "tie-c.example", "tié.example", "tie😀.example" })
        {
            await Send(Today.AddDays(-3).AddHours(1), 6, domain, tag: "newsletter");
        }
        await Send(Now.AddHours(-2), 9, "lastday.example");

        var filters = new List<ReportFilter>();
        foreach (var range in new[] { ReportRange.Last7Days, ReportRange.Last30Days, ReportRange.Last90Days })
        {
            var f = new ReportFilter { Range = range };
            filters.AddRange([f, f with { Sender = "news@shop.example" }, f with { Tag = "newsletter" }]);
        }
        filters.Add(new ReportFilter { Range = ReportRange.Custom, From = DateOnly.FromDateTime(Today.AddDays(-45).UtcDateTime), To = DateOnly.FromDateTime(Today.AddDays(-5).UtcDateTime) });
        foreach (var filter in filters)
        {
            var window = filter.Resolve(Now);
            var expected = sent
                .Where(m => m.At >= window.From && m.At < window.To && (filter.Sender is null || m.Sender == filter.Sender) && (filter.Tag is null || m.Tag == filter.Tag))
                .GroupBy(m => m.Domain)
                .Select(g => (Key: g.Key, Processed: g.Sum(m => m.Count)))
                .OrderByDescending(p => p.Processed).ThenBy(p => System.Text.Encoding.UTF8.GetBytes(p.Key), Comparer<byte[]>.Create((a, b) => a.AsSpan().SequenceCompareTo(b)))
                .ToList();

            foreach (var top in new[] { 1, 5, 25 })
            {
                var rows = await _reports.GetBreakdownAsync(ReportDimension.Provider, filter, top);
                Assert.True(expected.Count > top || top == 25 && filter.Tag is not null, $"{filter.ToQueryString()}: fewer keys than {top}");
                Assert.Equal(expected.Take(top), rows.Select(r => (r.Key, r.Counts.Processed)));
            }
            if (filter.Sender is null && filter.Tag is null)
            {
                Assert.Equal(expected.Take(50).Select(p => p.Key), (await _reports.GetDimensionValuesAsync(filter)).Providers);
            }
        }
    }

    [PostgresFact]
    public async Task ReportReadsTurnParallelPlansOffOnlyForThemselves()
    {
        static Task<string> Setting(Dashboard.Core.Data.DashboardDbContext db) =>
            db.Database.SqlQueryRaw<string>("SELECT current_setting('max_parallel_workers_per_gather') AS \"Value\"").SingleAsync();
        await AddAsync(Now.AddDays(-1), MessageStatus.Delivered, 3, domain: "gmail.com");
        string serverDefault;
        await using (var db = _database.CreateContext())
        {
            serverDefault = await Setting(db);
        }
        Assert.NotEqual("0", serverDefault);

        var rows = await _reports.GetBreakdownAsync(ReportDimension.Provider, new ReportFilter { Range = ReportRange.Last90Days });

        Assert.Equal(["Google"], rows.Select(r => r.Key));
        // The report's connection went back to the pool: whoever takes a connection next has the server's setting.
        for (var i = 0; i < 3; i++)
        {
            await using var db = _database.CreateContext();
            Assert.Equal(serverDefault, await Setting(db));
        }
    }

    [Fact]
    public async Task FourWeekRollupsCountedFromTheWeeksAreTheOnesTheFoldKeeps()
    {
        for (var d = 0; d < 120; d += 3)
        {
            await AddAsync(Today.AddDays(-d).AddHours(d % 24), d % 5 == 0 ? MessageStatus.HardBounced : MessageStatus.Delivered, 1 + d % 4,
                domain: d % 2 == 0 ? "gmail.com" : "acme.example", sender: d % 3 == 0 ? "a@shop.example" : "b@shop.example",
                reason: d % 5 == 0 ? Reasons.UserUnknown : null, tags: d % 4 == 0 ? "newsletter,receipt" : null);
        }
        var folded = (await Snapshot()).Where(r => r.StartsWith($"{RollupPeriod.FourWeeks} ", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(folded);

        await using (var db = _database.CreateContext())
        {
            await db.Database.ExecuteSqlRawAsync(RollupSql.FourWeeksFromWeeks());
        }

        Assert.Equal(folded, (await Snapshot()).Where(r => r.StartsWith($"{RollupPeriod.FourWeeks} ", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task StatusChangesMoveTheCountsAndTheTriggersAgreeWithARebuild()
    {
        var at = Now.AddDays(-1);
        await AddAsync(at, MessageStatus.Queued, 2, domain: "gmail.com", tags: "newsletter,welcome,q4.promo");
        await AddAsync(at, MessageStatus.Queued, 2, domain: "gmail.com", tags: "receipt,newsletter");
        await using (var db = _database.CreateContext())
        {
            var messages = await db.Messages.OrderBy(m => m.Id).ToListAsync();
            messages[0].Stored(MessageStatus.Delivered);
            messages[1].Stored(MessageStatus.Delivered);
            messages[2].Stored(MessageStatus.SoftBounced, reason: Reasons.Blocked);
            messages[3].Stored(MessageStatus.Delivered);
            await db.SaveChangesAsync();
            // Later: a complaint on one, a bounce after delivery on another.
            messages[0].Stored(MessageStatus.Complained, reason: Reasons.Feedback);
            messages[1].Stored(MessageStatus.HardBounced, reason: Reasons.UserUnknown);
            await db.SaveChangesAsync();
        }

        var live = await Snapshot();
        await using (var db = _database.CreateContext())
        {
            await db.Database.ExecuteSqlRawAsync(RollupSql.Rebuild(_database.Provider));
        }
        var rebuilt = await Snapshot();

        var totals = (await _reports.GetSeriesAsync(new ReportFilter())).Totals;
        Assert.Equal(new DeliveryCounts(Processed: 4, Delivered: 2, SoftBounces: 1, HardBounces: 1, Rejected: 0, Complaints: 1), totals);
        Assert.Equal(rebuilt, live);
    }

    [Theory]
    [InlineData("gmail.com", "Google")]
    [InlineData("GoogleMail.com", "Google")]
    [InlineData("hotmail.fr", "Microsoft")]
    [InlineData("live.co.uk", "Microsoft")]
    [InlineData("outlook.com", "Microsoft")]
    [InlineData("yahoo.co.jp", "Yahoo")]
    [InlineData("aol.com", "Yahoo")]
    [InlineData("ymail.com", "Yahoo")]
    [InlineData("mail.yahoo.com", "mail.yahoo.com")]
    [InlineData("Acme.Example", "acme.example")]
    public async Task ProviderOfADomainIsTheSameInCodeAndInTheMigrationsBackfill(string domain, string provider)
    {
        Assert.Equal(provider, MailboxProviders.Of(domain));
        await AddAsync(Now, MessageStatus.Delivered, 1, domain: domain);
        await using var db = _database.CreateContext();
        await db.Database.ExecuteSqlRawAsync("UPDATE \"Messages\" SET \"RecipientProvider\" = ''");

        await db.Database.ExecuteSqlRawAsync(RollupSql.BackfillProviders(db.Provider));

        Assert.Equal(provider, await db.Messages.Select(m => m.RecipientProvider).SingleAsync());
    }

    private async Task<List<string>> Snapshot()
    {
        await using var db = _database.CreateContext();
        await RollupFolder.FoldAsync(db);
        var rollups = await db.DeliveryRollups.AsNoTracking().ToListAsync();
        var reasons = await db.BounceReasonRollups.AsNoTracking().Where(r => r.Count != 0).ToListAsync();
        return [.. rollups.Where(r => r.Processed != 0)
                .Select(r => $"{r.Period} {r.BucketStart:O} {r.Tag} {r.Sender} {r.Provider} {r.Processed} {r.Delivered} {r.SoftBounces} {r.HardBounces} {r.Rejected} {r.Complaints} {r.SenderSideSoftBounces}")
                .Concat(reasons.Select(r => $"{r.Period} {r.BucketStart:O} {r.Tag} {r.Sender} {r.Provider} {r.Reason} {r.IsHard} {r.Count}"))
                .Order()];
    }

    private Task AddAsync(DateTimeOffset at, MessageStatus status, int count, string domain = "example.net", string sender = "news@example.com", string? reason = null, string? tags = null) =>
        _database.AddAsync(at, status, count, domain, sender, reason, tags);

    public void Dispose() => _database.Dispose();
}
