namespace Dashboard.Core.Activity;

/// <summary>The stored MIME message, taken apart for display.</summary>
/// <param name="Headers">Top-level headers in their original order.</param>
/// <param name="TextBody">The plain-text body, if any.</param>
/// <param name="HtmlBody">The HTML body, if any: show it only in a sandboxed frame.</param>
/// <param name="Source">The raw source, cut at <see cref="ActivityQueryService.SourceDisplayLimit"/> characters.</param>
/// <param name="SourceTruncated">True when <paramref name="Source"/> was cut.</param>
/// <param name="SizeBytes">The whole stored size.</param>
public sealed record StoredContent(
    IReadOnlyList<KeyValuePair<string, string>> Headers,
    string? TextBody,
    string? HtmlBody,
    string Source,
    bool SourceTruncated,
    int SizeBytes);
