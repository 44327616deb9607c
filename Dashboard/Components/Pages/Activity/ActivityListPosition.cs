using Dashboard.Core;
using Dashboard.Core.Activity;
using Microsoft.AspNetCore.WebUtilities;

namespace Dashboard.Components.Pages.Activity;

/// <summary>
/// Where the reader is in the activity list, in its URL: the filter, the page (1-based in the URL:
/// <c>page=3</c>), the page size (<c>size=100</c>) and the order (<c>sort=recipient&amp;dir=asc</c>).
/// A message page's "back" link is such a URL.
/// </summary>
public static class ActivityListPosition
{
    public const int DefaultSize = 50;

    /// <summary>The page sizes offered.</summary>
    public static readonly int[] Sizes = [25, 50, 100];

    /// <summary>
    /// Page (0-based), size and order from a query string. Anything malformed gives the first page or the
    /// default size; an unknown column gives the default order (time, newest first), an unknown direction
    /// the column's first one (<see cref="StartsDescending"/>).
    /// </summary>
    public static (int Page, int Size, ActivitySort Sort, bool Descending) Parse(string? queryString)
    {
        var query = QueryHelpers.ParseQuery(queryString);
        string? One(string key) => query.TryGetValue(key, out var values) ? values.LastOrDefault() : null;

        var page = int.TryParse(One("page"), out var n) && n is >= 1 and <= 100_000 ? n - 1 : 0;
        var size = int.TryParse(One("size"), out var s) && Sizes.Contains(s) ? s : DefaultSize;
        var column = EnumNames.Parse<ActivitySort>(One("sort"));
        var descending = One("dir")?.ToLowerInvariant() switch { "asc" => false, "desc" => true, _ => (bool?)null };
        return column is { } sort
            ? (page, size, sort, descending ?? StartsDescending(sort))
            : (page, size, ActivitySort.Time, true);
    }

    /// <summary>
    /// The list's relative URL: "activity?status=hardbounced&amp;page=2&amp;size=100&amp;sort=recipient&amp;dir=asc".
    /// Defaults are left out; the order is written whole (column and direction) unless it is time, newest first.
    /// </summary>
    public static string Url(ActivityFilter filter, int page, int size, ActivitySort sort, bool descending)
    {
        var parts = new List<string>();
        var query = filter.ToQueryString();
        if (query.Length > 0) parts.Add(query);
        if (page > 0) parts.Add($"page={page + 1}");
        if (size != DefaultSize) parts.Add($"size={size}");
        if (sort != ActivitySort.Time || !descending) parts.Add($"sort={sort.ToString().ToLowerInvariant()}&dir={(descending ? "desc" : "asc")}");
        return parts.Count == 0 ? "activity" : $"activity?{string.Join('&', parts)}";
    }

    /// <summary>The direction a column sorts in when first chosen: newest first for time, A to Z for the rest.</summary>
    public static bool StartsDescending(ActivitySort sort) => sort == ActivitySort.Time;

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
