using Dashboard.Core.Messages;
using Dashboard.Tests.Support;

namespace Dashboard.Tests.Reporting;

/// <summary>Writes message rows straight into the test database, for the reporting queries to count.</summary>
internal static class MessageRows
{
    private static int _next;

    public static Message New(DateTimeOffset createdAt, MessageStatus status, string? reason = null)
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
        }.Stored(status, reason: reason);
    }

    /// <summary>Adds <paramref name="count"/> messages with <paramref name="status"/> created at <paramref name="at"/>.</summary>
    public static async Task AddAsync(this TestDatabase database, DateTimeOffset at, MessageStatus status, int count = 1,
        string domain = "example.net", string sender = "news@example.com", string? reason = null, string? tags = null)
    {
        await using var db = database.CreateContext();
        db.Messages.AddRange(Enumerable.Range(0, count).Select(_ =>
        {
            var message = New(at, status, reason);
            message.RecipientDomain = domain;
            message.Recipient = $"{message.PublicId}@{domain}";
            message.Sender = sender;
            message.Tags = tags;
            return message;
        }));
        await db.SaveChangesAsync();
    }
}
