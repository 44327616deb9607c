using Dashboard.Core.Data;
using Dashboard.Core.Messages;
using Dashboard.Tests.Support;
using Dashboard.Tests.Users;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Dashboard.Tests.Data;

public sealed class MigrationTests
{
    [Fact]
    public void MigrationsMatchTheModel()
    {
        using var database = new TestDatabase();
        using var db = database.CreateContext();

        Assert.False(db.Database.HasPendingModelChanges(), "The model changed without a migration: run scripts/regen-migration.sh");
    }

    [Fact]
    public async Task TimesRoundTripAsUtcAndSortInSql()
    {
        using var database = new TestDatabase();
        var early = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        await using (var db = database.CreateContext())
        {
            db.Messages.AddRange(NewMessage("b", early.AddHours(1)), NewMessage("a", early));
            await db.SaveChangesAsync();
        }

        await using var read = database.CreateContext();
        var ordered = await read.Messages.OrderBy(m => m.CreatedAt).Where(m => m.CreatedAt >= early).Select(m => m.PublicId).ToListAsync();

        Assert.Equal(["a", "b"], ordered);
        Assert.Equal(early, (await read.Messages.SingleAsync(m => m.PublicId == "a")).CreatedAt);
    }

    [Fact]
    public async Task AFreshDatabaseIsMadeWithoutAWarningAndOnlyForeignKeySwitchesRunOutsideATransaction()
    {
        var path = Path.Combine(Path.GetTempPath(), $"migrations-{Guid.NewGuid():N}.db");
        try
        {
            // As the app makes it: the operator sees no warning at the first start.
            using var app = new CapturedLog();
            using (var logging = LoggerFactory.Create(b => b.AddProvider(app).SetMinimumLevel(LogLevel.Debug)))
            {
                var options = new DbContextOptionsBuilder<DashboardDbContext>().UseLoggerFactory(logging);
                options.UseDashboardDatabase(new DatabaseOptions { Path = path });
                await new DatabaseInitializer(TestDatabase.FactoryOf(options.Options), logging.CreateLogger<DatabaseInitializer>()).InitializeAsync();
            }
            var warnings = app.Entries.Where(e => e.Level >= LogLevel.Warning).Select(e => e.Message).ToList();
            Assert.True(warnings.Count == 0, "first start warned: " + string.Join(" | ", warnings));
            Assert.Contains(app.Entries, e => e.Level == LogLevel.Debug && e.Message.Contains("cannot be executed in a transaction", StringComparison.Ordinal));

            // With EF's own levels, every operation it warns about is switching foreign keys: nothing that a
            // failed migration could leave half done. A migration that adds another must be looked at.
            SqliteConnection.ClearAllPools();
            File.Delete(path);
            using var plain = new CapturedLog();
            using (var logging = LoggerFactory.Create(b => b.AddProvider(plain)))
            {
                await using var db = new DashboardDbContext(new DbContextOptionsBuilder<DashboardDbContext>()
                    .UseSqlite($"Data Source={path}").UseLoggerFactory(logging).Options);
                await db.Database.MigrateAsync();
            }
            var outside = plain.Entries.Where(e => e.Message.Contains("cannot be executed in a transaction", StringComparison.Ordinal)).ToList();
            Assert.NotEmpty(outside);
            Assert.All(outside, e => Assert.Matches(@"^The migration operation 'PRAGMA foreign_keys = [01];\s*' from migration", e.Message));
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

    private static Message NewMessage(string id, DateTimeOffset at) => new Message
    {
        PublicId = id, SubmissionId = id, Sender = "s@example.com", Recipient = "r@example.net",
        RecipientDomain = "example.net", CreatedAt = at,
    }.Stored(MessageStatus.Queued, at);
}
