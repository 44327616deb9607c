using Dashboard.Core.Messages;
using Dashboard.Tests.Support;

namespace Dashboard.Tests.Reporting;

/// <summary>Writes message rows straight into the test database, for the reporting queries to count.</summary>
internal static class MessageRows
{
    private static int _next;

    public static Message New(DateTimeOffset createdAt, MessageStatus status)
    {
        var id = $"m{Interlocked.Increment(ref _next)}";
        return new Message
        {
            PublicId = id,
            SubmissionId = id,
            Sender = "news@example.com",
            Recipient = $"{id}@example.net",
            RecipientDomain = "example.net",
            Subject = "Hello",
            CreatedAt = createdAt,
        }.Stored(status);
    }

    /// <summary>Adds <paramref name="count"/> messages with <paramref name="status"/> created at <paramref name="at"/>.</summary>
    public static async Task AddAsync(this TestDatabase database, DateTimeOffset at, MessageStatus status, int count = 1)
    {
        await using var db = database.CreateContext();
        db.Messages.AddRange(Enumerable.Range(0, count).Select(_ => New(at, status)));
        await db.SaveChangesAsync();
    }
}
