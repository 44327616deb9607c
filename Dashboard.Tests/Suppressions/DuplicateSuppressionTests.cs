using Dashboard.Core.Data;
using Dashboard.Core.Sending;
using Dashboard.Core.Suppressions;
using Dashboard.Core.Users;
using Dashboard.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Tests.Suppressions;

/// <summary>One active entry per address or domain: refused by the service, and held by the database.</summary>
public sealed class DuplicateSuppressionTests : IDisposable
{
    private static readonly Actor Ada = new("ada", new HashSet<string> { Roles.Admin });
    private static readonly Actor Bob = new("bob", new HashSet<string> { Roles.Admin });

    private readonly TestDatabase _database = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));

    public void Dispose() => _database.Dispose();

    private SuppressionService NewService(IDbContextFactory<DashboardDbContext> factory) =>
        new(factory, new PipelineWriteGate(), _clock, new SuppressionRules(Options.Create(new SendingOptions()), new SuppressionFeed(), _clock), NullLogger<SuppressionService>.Instance);

    [Theory]
    [InlineData("dup@example.com", "DUP@example.com")]
    [InlineData("example.org", "@Example.org")]
    public async Task AddingAnActiveAddressOrDomainAgainIsRefusedNamingTheExistingEntry(string first, string second)
    {
        var suppressions = NewService(_database.Factory);
        await suppressions.AddAsync(new AddSuppressionRequest(first, SuppressionReason.Unsubscribe, "asked by phone"), Ada);
        _clock.Advance(TimeSpan.FromHours(1));

        var refused = await Assert.ThrowsAsync<SuppressionExistsException>(
            () => suppressions.AddAsync(new AddSuppressionRequest(second, Note: "again"), Bob));

        Assert.Equal(SuppressionReason.Unsubscribe, refused.Existing.Reason);
        Assert.Contains("already suppressed", refused.Message);
        Assert.Contains("unsubscribed", refused.Message);
        Assert.Contains("by ada", refused.Message);
        var all = await suppressions.ListAsync(new SuppressionListQuery(ActiveOnly: false));
        Assert.Equal(1, all.TotalCount);
        Assert.Single((await suppressions.HistoryAsync()).Items);
    }

    [Fact]
    public async Task ALapsedEntryIsClosedWithItsExpiryLineBeforeTheNewOneIsAdded()
    {
        var suppressions = NewService(_database.Factory);
        await suppressions.AddAsync(new AddSuppressionRequest("back@example.com", ExpiresAt: _clock.GetUtcNow().AddDays(2)), Ada);
        _clock.Advance(TimeSpan.FromDays(3)); // expired; the sweep has not run

        var added = await suppressions.AddAsync(new AddSuppressionRequest("back@example.com", Note: "bounced again"), Bob);

        Assert.True(added.IsActive);
        var history = (await suppressions.HistoryAsync("back@example.com")).Items;
        Assert.Equal([SuppressionHistoryAction.Added, SuppressionHistoryAction.Expired, SuppressionHistoryAction.Added],
            history.Select(h => h.Action).ToArray());
        Assert.Equal(0, await suppressions.SweepExpiredAsync());
    }

    [Fact]
    public async Task TheDatabaseRefusesASecondOpenEntryForOneValue()
    {
        await using var db = _database.CreateContext();
        var now = _clock.GetUtcNow();
        db.Suppressions.Add(new Suppression { Value = "twice@example.com", Scope = SuppressionScope.Address, CreatedAt = now });
        await db.SaveChangesAsync();
        db.Suppressions.Add(new Suppression { Value = "twice@example.com", Scope = SuppressionScope.Address, CreatedAt = now, Reason = SuppressionReason.Manual });

        var error = await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());

        Assert.True(DatabaseErrors.IsUniqueViolation(error), error.InnerException?.Message);
    }

    [Fact]
    public async Task TwoAdminsOnTwoAppInstancesAddingTheSameAddressAtOnceStoreOneEntry()
    {
        var path = Path.Combine(Path.GetTempPath(), $"dup-{Guid.NewGuid():N}.db");
        try
        {
            var options = new DbContextOptionsBuilder<DashboardDbContext>().UseSqlite($"Data Source={path};Default Timeout=30").Options;
            await using (var db = new DashboardDbContext(options))
            {
                await db.Database.MigrateAsync();
            }
            // Two services, two write gates: as two app processes on one database file.
            var instances = new[] { NewService(TestDatabase.FactoryOf(options)), NewService(TestDatabase.FactoryOf(options)) };
            using var start = new Barrier(8);

            var attempts = Enumerable.Range(0, 8).Select(i => Task.Run(async () =>
            {
                start.SignalAndWait();
                try
                {
                    await instances[i % 2].AddAsync(new AddSuppressionRequest("race@example.com", Note: $"try {i}"), i % 2 == 0 ? Ada : Bob);
                    return true;
                }
                catch (SuppressionExistsException)
                {
                    return false;
                }
            })).ToArray();
            var results = await Task.WhenAll(attempts);

            Assert.Equal(1, results.Count(added => added));
            await using var check = new DashboardDbContext(options);
            Assert.Equal(1, await check.Suppressions.CountAsync(s => s.Value == "race@example.com"));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { "", "-wal", "-shm" })
            {
                File.Delete(path + suffix);
            }
        }
    }

    [Fact]
    public async Task TheMigrationMergesDuplicatesAlreadyStored()
    {
        using var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        var options = new DbContextOptionsBuilder<DashboardDbContext>().UseSqlite(connection).Options;
        await using var db = new DashboardDbContext(options);
        var migrator = db.GetService<IMigrator>();
        await migrator.MigrateAsync("20261129081445_Issue14Reports");
        var past = DateTimeOffset.UtcNow.AddDays(-1).UtcTicks;
        var future = DateTimeOffset.UtcNow.AddDays(5).UtcTicks;
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO "Suppressions" ("Value", "Scope", "Reason", "CreatedAt", "ExpiresAt", "ExpiryRecorded") VALUES
              ('a@example.com', 0, 0, 1, {past}, 0),
              ('a@example.com', 0, 0, 2, {future}, 0),
              ('a@example.com', 0, 2, 3, NULL, 0),
              ('b@example.com', 0, 4, 4, NULL, 0);
            """);

        await migrator.MigrateAsync();

        var open = await db.Suppressions.Where(s => s.RemovedAt == null && !s.ExpiryRecorded).OrderBy(s => s.Value).ToListAsync();
        Assert.Equal(["a@example.com", "b@example.com"], open.Select(s => s.Value).ToArray());
        Assert.Equal(SuppressionReason.SpamComplaint, open[0].Reason);
        var history = await db.SuppressionHistory.Where(h => h.Value == "a@example.com").Select(h => h.Action).ToListAsync();
        Assert.Equal([SuppressionHistoryAction.Removed, SuppressionHistoryAction.Expired], history.Order().ToArray());
    }
}
