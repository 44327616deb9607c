namespace Dashboard.Core.Suppressions;

/// <summary>Every addition, removal and expiry of a suppression, with who and why.</summary>
public sealed class SuppressionHistory
{
    public long Id { get; set; }

    public long SuppressionId { get; set; }

    public Suppression? Suppression { get; set; }

    public required string Value { get; set; }

    public SuppressionHistoryAction Action { get; set; }

    public SuppressionReason Reason { get; set; }

    public DateTimeOffset OccurredAt { get; set; }

    public string? Actor { get; set; }

    public string? Note { get; set; }
}
