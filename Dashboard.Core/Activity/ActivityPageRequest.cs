namespace Dashboard.Core.Activity;

/// <summary>One page of the activity list.</summary>
/// <param name="Filter">What to show.</param>
/// <param name="Offset">Rows to skip; at most <see cref="ActivityQueryService.BrowseLimit"/> minus the page size.</param>
/// <param name="PageSize">Rows to return (1–500).</param>
/// <param name="Sort">Order. Defaults to time.</param>
/// <param name="Descending">Defaults to newest first.</param>
public sealed record ActivityPageRequest(
    ActivityFilter Filter,
    int Offset = 0,
    int PageSize = 50,
    ActivitySort Sort = ActivitySort.Time,
    bool Descending = true);
