using Dashboard.Core.Messages;

namespace Dashboard.Core.Activity;

/// <summary>A message was created or changed status; published to live pages.</summary>
public sealed record MessageChange(long MessageId, string PublicId, MessageStatus Status, DateTimeOffset At);
