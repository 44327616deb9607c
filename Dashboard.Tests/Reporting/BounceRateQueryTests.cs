using Dashboard.Core.Messages;
using Dashboard.Core.Reporting;
using Dashboard.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Tests.Reporting;

public sealed class BounceRateQueryTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 3, 31, 12, 0, 0, TimeSpan.Zero);
    private readonly TestDatabase _database = new();

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task RejectedMessagesAreCountedButKeptOutOfTheBounceRate()
    {
        await SeedAsync(Now, MessageStatus.Delivered, 18);
        await SeedAsync(Now, MessageStatus.HardBounced, 1);
        await SeedAsync(Now, MessageStatus.SoftBounced, 1);
        await SeedAsync(Now, MessageStatus.Rejected, 30);
        var query = new BounceRateQuery(_database.Factory, new FakeTimeProvider(Now));

        var report = await query.LastDaysAsync(30);

        Assert.Equal(50, report.Processed);
        Assert.Equal(30, report.Rejected);
        Assert.Equal(20, report.Attempted);
        Assert.Equal(0.10, report.BounceRate, 6);
        Assert.Equal(0.05, report.HardBounceRate, 6);
    }

    [Fact]
    public async Task TheDailySeriesCoversEveryDayOfThePeriodInUtc()
    {
        await SeedAsync(new DateTimeOffset(2026, 3, 2, 0, 1, 0, TimeSpan.Zero), MessageStatus.Delivered, 3);
        await SeedAsync(new DateTimeOffset(2026, 3, 30, 23, 59, 59, TimeSpan.Zero), MessageStatus.HardBounced, 2);
        await SeedAsync(new DateTimeOffset(2026, 3, 31, 0, 0, 0, TimeSpan.Zero), MessageStatus.Delivered, 4);
        await SeedAsync(Now.AddDays(-40), MessageStatus.Delivered, 100);
        var query = new BounceRateQuery(_database.Factory, new FakeTimeProvider(Now));

        var report = await query.LastDaysAsync(30);

        Assert.Equal(30, report.Days.Count);
        Assert.Equal(new DateOnly(2026, 3, 2), report.Days[0].Day);
        Assert.Equal(3, report.Days[0].Delivered);
        Assert.Equal(2, report.Days[^2].HardBounces);
        Assert.Equal(1.0, report.Days[^2].BounceRate);
        Assert.Equal(4, report.Days[^1].Delivered);
        Assert.Equal(9, report.Processed);
    }

    private async Task SeedAsync(DateTimeOffset at, MessageStatus status, int count)
    {
        await using var db = _database.CreateContext();
        for (var i = 0; i < count; i++)
        {
            var id = Guid.NewGuid().ToString("N")[..20];
            db.Messages.Add(new Message
            {
                PublicId = id, SubmissionId = id, Sender = "a@shop.example", Recipient = $"r{i}@example.com", RecipientDomain = "example.com",
                CreatedAt = at, UpdatedAt = at, Status = status,
            });
        }
        await db.SaveChangesAsync();
    }
}
