namespace Dashboard.Core.Suppressions;

/// <summary>One line of a suppression's history.</summary>
public sealed record SuppressionHistoryView(
    long Id,
    long SuppressionId,
    string Value,
    SuppressionHistoryAction Action,
    SuppressionReason Reason,
    DateTimeOffset OccurredAt,
    string? Actor,
    string? Note);
