namespace Dashboard.Core.Suppressions;

/// <summary>A suppression added by hand.</summary>
/// <param name="Value">An address (a@b.example) or a whole domain (b.example or @b.example).</param>
/// <param name="Reason">Manual by default; Unsubscribe or SpamComplaint when recording one reported elsewhere.</param>
/// <param name="Note">Why, for the history.</param>
/// <param name="ExpiresAt">Null: until removed.</param>
public sealed record AddSuppressionRequest(
    string Value,
    SuppressionReason Reason = SuppressionReason.Manual,
    string? Note = null,
    DateTimeOffset? ExpiresAt = null);
