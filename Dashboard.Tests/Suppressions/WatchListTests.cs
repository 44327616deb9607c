using Dashboard.Core.Messages;
using Dashboard.Core.Sending;
using Dashboard.Core.Suppressions;
using Dashboard.Tests.Reporting;
using Dashboard.Tests.Support;
using Dashboard.Core.Data;
using Microsoft.Extensions.Options;

namespace Dashboard.Tests.Suppressions;

public sealed class WatchListTests : IDisposable
{
    private readonly TestDatabase _database = new();

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task StreaksNearestTheLimitComeFirstWithTheLastReasonAndReply()
    {
        var at = new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
        await using (var db = _database.CreateContext())
        {
            db.RecipientStreaks.AddRange(
                new RecipientStreak { Address = "two@example.net", ConsecutiveSoftBounces = 2, UpdatedAt = at },
                new RecipientStreak { Address = "nine@example.net", ConsecutiveSoftBounces = 9, UpdatedAt = at },
                new RecipientStreak { Address = "reset@example.net", ConsecutiveSoftBounces = 0, UpdatedAt = at });
            var older = MessageRows.New(at.AddHours(-2), MessageStatus.SoftBounced).Stored(MessageStatus.SoftBounced, response: "451 old", reason: "systemerror");
            older.Recipient = "nine@example.net";
            var latest = MessageRows.New(at.AddHours(-1), MessageStatus.SoftBounced).Stored(MessageStatus.SoftBounced, response: "452 4.2.2 Mailbox full", reason: "mailboxfull");
            latest.Recipient = "nine@example.net";
            db.Messages.AddRange(older, latest);
            await db.SaveChangesAsync();
        }
        var watch = new SuppressionWatchList(_database.Factory, Options.Create(new SendingOptions()));

        var page = await watch.ListAsync();

        Assert.Equal(2, page.TotalCount);
        Assert.Equal(["nine@example.net", "two@example.net"], page.Items.Select(i => i.Address));
        var nine = page.Items[0];
        Assert.Equal(9, nine.ConsecutiveSoftBounces);
        Assert.Equal(1, nine.Remaining);
        Assert.Equal("mailboxfull", nine.LastReason);
        Assert.Equal("452 4.2.2 Mailbox full", nine.LastResponse);
        Assert.Null(page.Items[1].LastReason);
    }
}
