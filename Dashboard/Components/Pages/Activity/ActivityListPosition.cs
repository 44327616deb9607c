using Dashboard.Core.Activity;
using Microsoft.AspNetCore.WebUtilities;

namespace Dashboard.Components.Pages.Activity;

/// <summary>
/// Where the reader is in the activity list, in its URL: the filter, the page (1-based in the URL:
/// <c>page=3</c>) and the page size (<c>size=100</c>). A message page's "back" link is such a URL.
/// </summary>
public static class ActivityListPosition
{
    public const int DefaultSize = 50;

    /// <summary>The page sizes offered.</summary>
    public static readonly int[] Sizes = [25, 50, 100];

    /// <summary>Page (0-based) and size from a query string; anything malformed gives the first page and the default size.</summary>
    public static (int Page, int Size) Parse(string? queryString)
    {
        var query = QueryHelpers.ParseQuery(queryString);
        var page = query.TryGetValue("page", out var p) && int.TryParse(p.LastOrDefault(), out var n) && n is >= 1 and <= 100_000 ? n - 1 : 0;
        var size = query.TryGetValue("size", out var z) && int.TryParse(z.LastOrDefault(), out var s) && Sizes.Contains(s) ? s : DefaultSize;
        return (page, size);
    }

    /// <summary>The list's relative URL: "activity?status=hardbounced&amp;page=2&amp;size=100" (defaults left out).</summary>
    public static string Url(ActivityFilter filter, int page, int size)
    {
        var parts = new List<string>();
        var query = filter.ToQueryString();
        if (query.Length > 0) parts.Add(query);
        if (page > 0) parts.Add($"page={page + 1}");
        if (size != DefaultSize) parts.Add($"size={size}");
        return parts.Count == 0 ? "activity" : $"activity?{string.Join('&', parts)}";
    }

    /// <summary>
    /// The "back" URL a message page was given, if it is a list position on this site (relative,
    /// starting "activity", no scheme or host): anything else falls back to the plain list.
    /// </summary>
    public static string SafeBack(string? back) =>
        back is not null && (back == "activity" || back.StartsWith("activity?", StringComparison.Ordinal))
            && !back.Contains("//", StringComparison.Ordinal) && !back.Contains('\\')
            ? back
            : "activity";
}
