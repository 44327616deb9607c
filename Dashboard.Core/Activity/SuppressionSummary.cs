using Dashboard.Core.Suppressions;

namespace Dashboard.Core.Activity;

/// <summary>The suppression behind a Rejected event (or created by a bounce), as the timeline shows it.</summary>
public sealed record SuppressionSummary(
    long Id,
    string Value,
    SuppressionScope Scope,
    SuppressionReason Reason,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ExpiresAt,
    DateTimeOffset? RemovedAt,
    string? Note,
    string? RemovedBy = null,
    string? RemovalReason = null);
