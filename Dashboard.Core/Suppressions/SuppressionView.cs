namespace Dashboard.Core.Suppressions;

/// <summary>A suppression as lists and detail pages show it.</summary>
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
    bool IsActive);
