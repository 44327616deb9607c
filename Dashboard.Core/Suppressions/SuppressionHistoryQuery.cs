namespace Dashboard.Core.Suppressions;

/// <summary>A page of the suppression history.</summary>
/// <param name="Value">Only this address or domain (exact); null: every value.</param>
/// <param name="Search">Only values containing this text, as the list's search box does.</param>
/// <param name="Reason">Only entries for this reason, as the list's reason filter does.</param>
/// <param name="Page">Zero-based page.</param>
/// <param name="PageSize">Rows per page (1–500).</param>
public sealed record SuppressionHistoryQuery(
    string? Value = null,
    string? Search = null,
    SuppressionReason? Reason = null,
    int Page = 0,
    int PageSize = 50);
