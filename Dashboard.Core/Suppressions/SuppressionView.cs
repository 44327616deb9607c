namespace Dashboard.Core.Suppressions;

/// <summary>
/// A suppression as lists and detail pages show it. MessagePublicId is the public id of the message that
/// caused it, for linking to its timeline: filled by <see cref="SuppressionService.ListAsync"/>, null for
/// suppressions added by hand.
/// </summary>
public sealed record SuppressionView(
    long Id,
    string Value,
    SuppressionScope Scope,
    SuppressionReason Reason,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ExpiresAt,
    string? CreatedBy,
    string? Note,
    long? MessageId,
    DateTimeOffset? RemovedAt,
    string? RemovedBy,
    string? RemovalReason,
    bool IsActive,
    string? MessagePublicId = null);
