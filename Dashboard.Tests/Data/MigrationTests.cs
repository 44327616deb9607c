using Dashboard.Core.Data;
using Dashboard.Core.Messages;
using Dashboard.Tests.Support;
using Microsoft.EntityFrameworkCore;

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

    private static Message NewMessage(string id, DateTimeOffset at) => new Message
    {
        PublicId = id, SubmissionId = id, Sender = "s@example.com", Recipient = "r@example.net",
        RecipientDomain = "example.net", CreatedAt = at,
    }.Stored(MessageStatus.Queued, at);
}
