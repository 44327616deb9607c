using Dashboard.Core.Data;
using Dashboard.Core.Messages;
using Dashboard.Tests.Support;

namespace Dashboard.Tests.Activity;

/// <summary>Builds messages (and their timeline) for the activity tests, straight into the database.</summary>
internal static class ActivitySeed
{
    public static readonly DateTimeOffset Now = new(2026, 11, 20, 12, 0, 0, TimeSpan.Zero);

    private static int _counter;

    public static Message Message(
        DateTimeOffset createdAt,
        MessageStatus status = MessageStatus.Delivered,
        string recipient = "alice@example.com",
        string sender = "news@shop.test",
        string subject = "Hello",
        string? response = "250 2.0.0 OK queued as 12345")
    {
        var n = Interlocked.Increment(ref _counter);
        return new Message
        {
            PublicId = $"msg{n:D6}",
            SubmissionId = $"sub{n:D6}",
            Sender = sender,
            Recipient = recipient,
            RecipientDomain = recipient.Split('@')[1],
            Subject = subject,
            SizeBytes = 1234,
            MessageIdHeader = $"{n}.id@shop.test",
            Source = MessageSource.Ui,
            CreatedAt = createdAt,
        }.Stored(status, createdAt, response, response is null ? null : int.Parse(response[..3]));
    }

    public static async Task AddAsync(DashboardDbContext db, params Message[] messages)
    {
        db.Messages.AddRange(messages);
        await db.SaveChangesAsync();
    }
}
