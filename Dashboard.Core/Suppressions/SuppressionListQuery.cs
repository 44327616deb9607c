namespace Dashboard.Core.Suppressions;

/// <summary>What a suppression list page asks for.</summary>
/// <param name="Search">Part of an address or domain; null for all.</param>
/// <param name="ActiveOnly">True: only suppressions in force now. False: every row, removed and expired too.</param>
/// <param name="Reason">Only this reason, when set.</param>
/// <param name="Page">Zero-based page.</param>
/// <param name="PageSize">Rows per page (1–500).</param>
public sealed record SuppressionListQuery(
    string? Search = null,
    bool ActiveOnly = true,
    SuppressionReason? Reason = null,
    int Page = 0,
    int PageSize = 50);
