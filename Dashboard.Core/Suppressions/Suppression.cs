namespace Dashboard.Core.Suppressions;

/// <summary>
/// A block on an address or domain. Rows are never deleted: removal sets <see cref="RemovedAt"/>,
/// and a row is active while it is neither removed nor past <see cref="ExpiresAt"/>.
/// </summary>
public sealed class Suppression
{
    public long Id { get; set; }

    /// <summary>Lower-case address, or domain when <see cref="Scope"/> is Domain.</summary>
    public required string Value { get; set; }

    public SuppressionScope Scope { get; set; }

    public SuppressionReason Reason { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Null: stays until removed.</summary>
    public DateTimeOffset? ExpiresAt { get; set; }

    public long? MessageId { get; set; }

    public string? Note { get; set; }

    public string? CreatedBy { get; set; }

    public DateTimeOffset? RemovedAt { get; set; }

    public string? RemovedBy { get; set; }

    public string? RemovalReason { get; set; }

    /// <summary>Set once the expiry has been written to the history. A row neither removed nor with its expiry
    /// recorded is open: the database allows one open row per value.</summary>
    public bool ExpiryRecorded { get; set; }

    public bool IsActiveAt(DateTimeOffset now) => RemovedAt is null && (ExpiresAt is null || now < ExpiresAt);
}
