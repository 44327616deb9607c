using Dashboard.Core.Messages;

namespace Dashboard.Tests.Support;

/// <summary>
/// Fixtures for rows as an earlier run left them in the database (delivered, bounced, mid-send), for
/// tests of what reads them. Outside tests a message's state changes only through its transitions,
/// which <c>MessageTransitionTests</c> cover; here the stored columns are written directly.
/// </summary>
internal static class StoredMessage
{
    public static Message Stored(this Message message, MessageStatus status, DateTimeOffset? updatedAt = null,
        string? response = null, int? replyCode = null, string? reason = null)
    {
        Set(message, nameof(Message.Reason), reason);
        Set(message, nameof(Message.Status), status);
        Set(message, nameof(Message.UpdatedAt), updatedAt ?? message.CreatedAt);
        Set(message, nameof(Message.LastResponse), response);
        Set(message, nameof(Message.LastReplyCode), replyCode);
        Set(message, nameof(Message.Reason), reason);
        return message;
    }

    /// <summary>The reason and hard/soft a classified message carries.</summary>
    public static Message WithVerdict(this Message message, string reason, bool? isHard)
    {
        Set(message, nameof(Message.Reason), reason);
        Set(message, nameof(Message.IsHard), isHard);
        return message;
    }

    private static void Set(Message message, string property, object? value) =>
        typeof(Message).GetProperty(property)!.SetValue(message, value);
}
