using Dashboard.Core.Live;

namespace Dashboard.Core.Suppressions;

/// <summary>Suppressions added or lifted, whoever made them: the Suppressions page listens.</summary>
public sealed class SuppressionFeed : ChangeFeed<SuppressionChange>;

/// <summary>
/// A suppression of <paramref name="Value"/> was added (or, with <paramref name="Added"/> false, removed
/// or expired) by <paramref name="By"/> (a user, or the system for the pipeline and the expiry sweep).
/// </summary>
public sealed record SuppressionChange(string Value, SuppressionReason Reason, bool Added, string By, DateTimeOffset At);
