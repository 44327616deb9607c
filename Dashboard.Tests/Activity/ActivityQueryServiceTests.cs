using Dashboard.Core.Data;
using Dashboard.Core.Activity;
using Dashboard.Core.Messages;
using Dashboard.Core.Suppressions;
using Dashboard.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using static Dashboard.Tests.Activity.ActivitySeed;

namespace Dashboard.Tests.Activity;

public sealed class ActivityQueryServiceTests : IDisposable
{
    private readonly TestDatabase _database = new();
    private readonly ActivityQueryService _queries;

    public ActivityQueryServiceTests()
    {
        _queries = new ActivityQueryService(_database.Factory, new FakeTimeProvider(Now));
    }

    public void Dispose() => _database.Dispose();

    private async Task<List<string>> RecipientsAsync(ActivityFilter filter, ActivitySort sort = ActivitySort.Time, bool descending = true) =>
        [.. (await _queries.ListAsync(new ActivityPageRequest(filter, 0, 100, sort, descending))).Select(r => r.Recipient)];

    [Theory]
    [InlineData("gmail.com")]
    [InlineData("@gmail.com")]
    [InlineData("@GMail.com")]
    public async Task SearchingADomainFindsThatDomainsMessages(string search)
    {
        await using (var db = _database.CreateContext())
        {
            await AddAsync(db,
                Message(Now.AddMinutes(-1), recipient: "ann@gmail.com"),
                Message(Now.AddMinutes(-2), recipient: "bob@yahoo.com"),
                Message(Now.AddMinutes(-3), recipient: "cy@gmail.com"));
        }

        var found = await RecipientsAsync(ActivityFilter.Parse($"q={Uri.EscapeDataString(search)}"));

        Assert.Equal(["ann@gmail.com", "cy@gmail.com"], found);
    }

    [Fact]
    public async Task RecipientAndSenderBoxesTakeAPrefixAndAWholeAddressExactly()
    {
        await using (var db = _database.CreateContext())
        {
            await AddAsync(db,
                Message(Now.AddMinutes(-1), recipient: "bob@a.test", sender: "news@shop.test"),
                Message(Now.AddMinutes(-2), recipient: "bob@b.test", sender: "newsletter@shop.test"),
                Message(Now.AddMinutes(-3), recipient: "bobby@a.test", sender: "billing@shop.test"));
        }

        Assert.Equal(["bob@a.test", "bob@b.test"], await RecipientsAsync(ActivityFilter.Parse("recipient=bob%40")));
        Assert.Equal(["bob@a.test"], await RecipientsAsync(ActivityFilter.Parse("recipient=bob%40a.test")));
        Assert.Equal(["bob@a.test", "bob@b.test"], await RecipientsAsync(ActivityFilter.Parse("sender=news")));
        Assert.Equal(["bob@a.test"], await RecipientsAsync(ActivityFilter.Parse("sender=news%40shop.test")));
    }

    [Fact]
    public async Task DateRangesKeepOnlyMessagesInsideTheWindow()
    {
        await using (var db = _database.CreateContext())
        {
            await AddAsync(db,
                Message(Now.AddHours(-1), recipient: "hour@a.test"),
                Message(Now.AddDays(-3), recipient: "days3@a.test"),
                Message(Now.AddDays(-20), recipient: "days20@a.test"),
                Message(Now.AddDays(-60), recipient: "days60@a.test"));
        }

        Assert.Equal(["hour@a.test"], await RecipientsAsync(ActivityFilter.Parse("range=24h")));
        Assert.Equal(["hour@a.test", "days3@a.test"], await RecipientsAsync(ActivityFilter.Default));
        Assert.Equal(["hour@a.test", "days3@a.test", "days20@a.test"], await RecipientsAsync(ActivityFilter.Parse("range=30d")));
        Assert.Equal(["days20@a.test", "days60@a.test"],
            await RecipientsAsync(new ActivityFilter { Range = ActivityRange.Custom, From = Now.AddDays(-61), To = Now.AddDays(-10) }));
    }

    [Fact]
    public async Task StatusFilterTakesSeveralStatusesAndMergesThemInTimeOrder()
    {
        await using (var db = _database.CreateContext())
        {
            await AddAsync(db,
                Message(Now.AddMinutes(-1), MessageStatus.HardBounced, "h1@a.test"),
                Message(Now.AddMinutes(-2), MessageStatus.Delivered, "d1@a.test"),
                Message(Now.AddMinutes(-3), MessageStatus.SoftBounced, "s1@a.test"),
                Message(Now.AddMinutes(-4), MessageStatus.HardBounced, "h2@a.test"),
                Message(Now.AddMinutes(-5), MessageStatus.Rejected, "r1@a.test"));
        }

        var hardOrSoft = new ActivityFilter { Statuses = [MessageStatus.HardBounced, MessageStatus.SoftBounced] };

        Assert.Equal(["h1@a.test", "s1@a.test", "h2@a.test"], await RecipientsAsync(hardOrSoft));
        Assert.Equal(["h2@a.test", "s1@a.test", "h1@a.test"], await RecipientsAsync(hardOrSoft, descending: false));
        Assert.Equal(["r1@a.test"], await RecipientsAsync(new ActivityFilter { Statuses = [MessageStatus.Rejected] }));
        Assert.Equal(new ActivityCount(3, false), await _queries.CountAsync(hardOrSoft));
    }

    [Fact]
    public async Task RecipientDomainAndSenderFiltersMatchWholeValuesIgnoringCase()
    {
        await using (var db = _database.CreateContext())
        {
            await AddAsync(db,
                Message(Now.AddMinutes(-1), recipient: "bob@gmail.com", sender: "News@Shop.test"),
                Message(Now.AddMinutes(-2), recipient: "bobby@gmail.com", sender: "billing@shop.test"),
                Message(Now.AddMinutes(-3), recipient: "carol@yahoo.com", sender: "news@shop.test"));
        }

        Assert.Equal(["bob@gmail.com"], await RecipientsAsync(ActivityFilter.Parse("recipient=BOB@gmail.com")));
        Assert.Equal(["bob@gmail.com", "bobby@gmail.com"], await RecipientsAsync(ActivityFilter.Parse("domain=GMAIL.com")));
        Assert.Equal(["bob@gmail.com", "carol@yahoo.com"], await RecipientsAsync(ActivityFilter.Parse("sender=news@shop.test")));
        Assert.Equal(["carol@yahoo.com"], await RecipientsAsync(ActivityFilter.Parse("sender=news@shop.test&domain=yahoo.com")));
    }

    [Fact]
    public async Task SubjectFilterMatchesAnywhereAndTreatsWildcardsLiterally()
    {
        await using (var db = _database.CreateContext())
        {
            await AddAsync(db,
                Message(Now.AddMinutes(-1), recipient: "a@a.test", subject: "Your INVOICE for November"),
                Message(Now.AddMinutes(-2), recipient: "b@a.test", subject: "50% off today"),
                Message(Now.AddMinutes(-3), recipient: "c@a.test", subject: "500 off today"));
        }

        Assert.Equal(["a@a.test"], await RecipientsAsync(new ActivityFilter { Subject = "invoice" }));
        Assert.Equal(["b@a.test"], await RecipientsAsync(new ActivityFilter { Subject = "50%" }));
    }

    [Fact]
    public async Task FreeTextFindsAddressPrefixesMessageIdsAndPublicIds()
    {
        Message byId;
        await using (var db = _database.CreateContext())
        {
            byId = Message(Now.AddMinutes(-4), recipient: "zed@z.test");
            await AddAsync(db,
                Message(Now.AddMinutes(-1), recipient: "bob.smith@gmail.com"),
                Message(Now.AddMinutes(-2), recipient: "carol@yahoo.com", sender: "Bob@shop.test"),
                Message(Now.AddMinutes(-3), recipient: "dave@yahoo.com"),
                byId);
        }

        Assert.Equal(["bob.smith@gmail.com", "carol@yahoo.com"], await RecipientsAsync(new ActivityFilter { Text = "Bob" }));
        Assert.Equal(["zed@z.test"], await RecipientsAsync(new ActivityFilter { Text = byId.PublicId }));
        Assert.Equal(["zed@z.test"], await RecipientsAsync(new ActivityFilter { Text = $"<{byId.MessageIdHeader}>" }));
        Assert.Equal(["carol@yahoo.com"], await RecipientsAsync(new ActivityFilter { Text = "bob", RecipientDomain = "yahoo.com" }));
        Assert.Empty(await RecipientsAsync(new ActivityFilter { Text = "nobody" }));
    }

    [Fact]
    public async Task PagesTileTheResultWithoutGapsOrRepeatsEvenWhenTimesTie()
    {
        var sameInstant = Now.AddHours(-2);
        await using (var db = _database.CreateContext())
        {
            await AddAsync(db, [.. Enumerable.Range(0, 25).Select(i => Message(i % 2 == 0 ? sameInstant : Now.AddMinutes(-i), recipient: $"r{i:D2}@a.test"))]);
        }

        var pages = new List<ActivityRow>();
        for (var offset = 0; offset < 30; offset += 10)
        {
            pages.AddRange(await _queries.ListAsync(new ActivityPageRequest(ActivityFilter.Default, offset, 10)));
        }
        var all = await _queries.ListAsync(new ActivityPageRequest(ActivityFilter.Default, 0, 100));

        Assert.Equal(25, pages.Count);
        Assert.Equal(all.Select(r => r.Id), pages.Select(r => r.Id));
        var tied = all.Where(r => r.CreatedAt == sameInstant).Select(r => r.Id).ToList();
        Assert.Equal(tied.OrderDescending(), tied);
        Assert.Empty(await _queries.ListAsync(new ActivityPageRequest(ActivityFilter.Default, 25, 10)));
    }

    [Fact]
    public async Task SortingByAColumnBreaksTiesByTimeThenId()
    {
        await using (var db = _database.CreateContext())
        {
            await AddAsync(db,
                Message(Now.AddMinutes(-1), MessageStatus.HardBounced, "b@a.test"),
                Message(Now.AddMinutes(-1), MessageStatus.Delivered, "a@a.test"),
                Message(Now.AddMinutes(-2), MessageStatus.Delivered, "a@a.test"),
                Message(Now.AddMinutes(-3), MessageStatus.Delivered, "c@a.test"));
        }

        var byRecipient = await _queries.ListAsync(new ActivityPageRequest(ActivityFilter.Default, 0, 10, ActivitySort.Recipient, Descending: false));
        var byStatus = await _queries.ListAsync(new ActivityPageRequest(ActivityFilter.Default, 0, 10, ActivitySort.Status, Descending: true));

        Assert.Equal(["a@a.test", "a@a.test", "b@a.test", "c@a.test"], byRecipient.Select(r => r.Recipient));
        Assert.True(byRecipient[0].CreatedAt < byRecipient[1].CreatedAt);
        Assert.Equal([MessageStatus.HardBounced, MessageStatus.Delivered, MessageStatus.Delivered, MessageStatus.Delivered], byStatus.Select(r => r.Status));
        Assert.Equal(["b@a.test", "a@a.test", "a@a.test", "c@a.test"], byStatus.Select(r => r.Recipient));
    }

    [Fact]
    public async Task CountStopsAtTheBrowseLimit()
    {
        await using (var db = _database.CreateContext())
        {
            await AddAsync(db, [.. Enumerable.Range(0, ActivityQueryService.BrowseLimit + 5).Select(i => Message(Now.AddSeconds(-i)))]);
        }

        var count = await _queries.CountAsync(ActivityFilter.Default);
        var lastPage = await _queries.ListAsync(new ActivityPageRequest(ActivityFilter.Default, ActivityQueryService.BrowseLimit + 100, 50));

        Assert.Equal(new ActivityCount(ActivityQueryService.BrowseLimit, true), count);
        Assert.Equal("10,000+", count.ToString());
        Assert.Equal(50, lastPage.Count);
    }

    [Theory]
    [InlineData("", ActivitySort.Time)]
    [InlineData("range=24h", ActivitySort.Time)]
    [InlineData("status=hardbounced", ActivitySort.Time)]
    [InlineData("status=hardbounced,softbounced", ActivitySort.Time)]
    [InlineData("recipient=bob@gmail.com", ActivitySort.Time)]
    [InlineData("domain=gmail.com", ActivitySort.Time)]
    [InlineData("sender=news@shop.test", ActivitySort.Time)]
    [InlineData("domain=gmail.com&status=hardbounced", ActivitySort.Time)]
    [InlineData("", ActivitySort.Recipient)]
    [InlineData("", ActivitySort.Sender)]
    [InlineData("status=delivered,rejected", ActivitySort.Status)]
    public async Task EveryListQueryReadsAnIndexInOrderWithoutSorting(string query, ActivitySort sort)
    {
        if (_database.Provider == DatabaseProvider.Postgres)
        {
            // PostgreSQL plans from statistics: an empty table would say nothing about its choice.
            await SeedAMonthOfMessagesAsync();
        }

        var plan = await _queries.ExplainAsync(new ActivityPageRequest(ActivityFilter.Parse(query), 0, 50, sort));

        if (_database.Provider == DatabaseProvider.Sqlite)
        {
            // Merging per-status arms sorts only each arm's offset+page rows; nothing else may sort.
            var sortsEveryMatch = plan.Contains("TEMP B-TREE") && !plan.Contains("MERGE (UNION ALL)");
            Assert.Contains("USING INDEX", plan);
            Assert.False(sortsEveryMatch, plan);
            Assert.DoesNotContain("SCAN Messages\n", plan);
        }
        else
        {
            // The same on PostgreSQL: an index, no scan of the table, and no sort but the merge of
            // per-status arms (each already cut at offset+page).
            var sortsEveryMatch = plan.Contains("Sort") && !plan.Contains("Append");
            Assert.Contains("Index", plan);
            Assert.DoesNotContain("Seq Scan", plan);
            Assert.False(sortsEveryMatch, plan);
        }
    }

    /// <summary>20,000 messages over 30 days before <see cref="ActivitySeed.Now"/>: 20 domains, 10 senders, real status shares; analysed.</summary>
    private async Task SeedAMonthOfMessagesAsync()
    {
        await using var db = _database.CreateContext();
        // The rollup triggers are not what this measures: replica mode skips them for the load.
        var load = $"""
            SET session_replication_role = replica;
            INSERT INTO "Messages" ("PublicId", "SubmissionId", "Sender", "Recipient", "RecipientDomain", "RecipientProvider", "Subject",
                "SizeBytes", "Source", "CreatedAt", "Status", "UpdatedAt", "BouncedAfterDelivery", "DeliveredByRelay", "MessageIdHeader")
            SELECT 'p' || i, 's' || i, 'sender' || (i % 10) || '@shop.test', 'user' || i || '@d' || (i % 20) || '.test', 'd' || (i % 20) || '.test', '', 'Hello',
                1000, {(int)MessageSource.Api}, {Now.UtcTicks} - i::bigint * {TimeSpan.TicksPerSecond * 130},
                CASE WHEN i % 100 < 93 THEN {(int)MessageStatus.Delivered} WHEN i % 100 < 96 THEN {(int)MessageStatus.SoftBounced}
                     WHEN i % 100 < 98 THEN {(int)MessageStatus.HardBounced} ELSE {(int)MessageStatus.Rejected} END,
                {Now.UtcTicks}, false, false, i || '.id@shop.test'
            FROM generate_series(1, 20000) AS i;
            SET session_replication_role = DEFAULT;
            ANALYZE "Messages";
            """;
        await db.Database.ExecuteSqlRawAsync(load);
    }

    [Fact]
    public async Task DetailHasEventsInOrderTheirSuppressionAndResendLinks()
    {
        long originalId;
        await using (var db = _database.CreateContext())
        {
            var suppression = new Suppression { Value = "gone@a.test", Reason = SuppressionReason.HardBounce, CreatedAt = Now.AddDays(-1), ExpiresAt = Now.AddDays(6) };
            db.Suppressions.Add(suppression);
            var original = Message(Now.AddHours(-1), MessageStatus.Rejected, "gone@a.test");
            original.SubmittedBy = null;
            original.Source = MessageSource.Api;
            await AddAsync(db, original);
            originalId = original.Id;
            db.MessageEvents.AddRange(
                new MessageEvent { MessageId = original.Id, OccurredAt = Now.AddHours(-1), Type = MessageEventType.Rejected, SuppressionId = suppression.Id, Detail = "suppressed" },
                new MessageEvent { MessageId = original.Id, OccurredAt = Now.AddHours(-1).AddTicks(-1), Type = MessageEventType.Queued });
            var resend = Message(Now, recipient: "gone@a.test");
            resend.ResendOfId = original.Id;
            resend.PublicId = "resend1";
            await AddAsync(db, resend);
        }

        var missing = await _queries.GetDetailAsync("no-such-message");
        var original1 = await _queries.GetDetailAsync((await _queries.ListAsync(new ActivityPageRequest(new ActivityFilter { Statuses = [MessageStatus.Rejected] }))).Single().PublicId);
        var resent = await _queries.GetDetailAsync("resend1");

        Assert.Null(missing);
        Assert.NotNull(original1);
        Assert.Equal(originalId, original1.Id);
        Assert.Equal("API", original1.SubmittedBy);
        Assert.Equal([MessageEventType.Queued, MessageEventType.Rejected], original1.Events.Select(e => e.Type));
        Assert.Equal("gone@a.test", original1.Events[1].Suppression?.Value);
        Assert.Equal(Now.AddDays(6), original1.Events[1].Suppression?.ExpiresAt);
        Assert.Equal(["resend1"], original1.ResentAs.Select(l => l.PublicId));
        Assert.Equal(original1.PublicId, resent?.ResendOf?.PublicId);
    }

    [Fact]
    public async Task AFilterNoIndexServesIsCheckedAgainstTheNewestRowsAndTheCountSaysAtLeast()
    {
        await using (var db = _database.CreateContext())
        {
            // The oldest match lies beyond the newest ResidualScanLimit rows of the range.
            await AddAsync(db, [.. Enumerable.Range(0, ActivityQueryService.ResidualScanLimit + 10)
                .Select(i => Message(Now.AddSeconds(-i), subject: i is 3 or 7 or ActivityQueryService.ResidualScanLimit + 5 ? "Invoice" : "News"))]);
        }

        var count = await _queries.CountAsync(new ActivityFilter { Subject = "invoice" });
        var rows = await _queries.ListAsync(new ActivityPageRequest(new ActivityFilter { Subject = "invoice" }));
        var exported = 0;
        await foreach (var _ in _queries.StreamAsync(new ActivityFilter { Subject = "invoice" }))
        {
            exported++;
        }

        Assert.Equal(new ActivityCount(2, true), count);
        Assert.Equal(2, rows.Count);
        Assert.Equal(3, exported);
    }
}
