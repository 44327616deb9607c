using Dashboard.Core.Messages;

namespace Dashboard.Core.Activity;

/// <summary>A pointer to a related message (the one re-sent, or a re-send of it).</summary>
public sealed record MessageLink(string PublicId, DateTimeOffset CreatedAt, MessageStatus Status);
