using Dashboard.Core.Live;

namespace Dashboard.Core.Suppressions;

/// <summary>Suppressions added or lifted, whoever made them: the Suppressions page listens.</summary>
public sealed class SuppressionFeed : ChangeFeed<SuppressionChange>;

/// <summary>A suppression of <paramref name="Value"/> was added (or, with <paramref name="Added"/> false, removed or expired).</summary>
public sealed record SuppressionChange(string Value, SuppressionReason Reason, bool Added, DateTimeOffset At);
