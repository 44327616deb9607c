using System.Globalization;

namespace Dashboard.Components.Shared;

/// <summary>How every page writes times: in UTC, labelled (one zone everywhere, as in the CSV and the filters), or relative for reading.</summary>
public static class Times
{
    /// <summary>Exact, in UTC: "2026-03-09 09:00 UTC".</summary>
    public static string Exact(DateTimeOffset at) =>
        at.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    /// <summary>In UTC with seconds, unlabelled, for a column whose header says UTC: "2026-03-09 09:00:05".</summary>
    public static string Plain(DateTimeOffset at, string format = "yyyy-MM-dd HH:mm:ss") =>
        at.UtcDateTime.ToString(format, CultureInfo.InvariantCulture);

    /// <summary>"in 5 days", "in 3 hours", "2 days ago". Rounded, so a fresh 7-day block reads "in 7 days".</summary>
    public static string Relative(DateTimeOffset at, DateTimeOffset now)
    {
        var span = at - now;
        var length = span.Duration();
        var words = length.TotalDays >= 1 ? Count(length.TotalDays, "day")
            : length.TotalHours >= 1 ? Count(length.TotalHours, "hour")
            : length.TotalMinutes >= 1 ? Count(length.TotalMinutes, "minute")
            : null;
        if (words is null)
        {
            return span >= TimeSpan.Zero ? "in under a minute" : "just now";
        }
        return span >= TimeSpan.Zero ? $"in {words}" : $"{words} ago";
    }

    private static string Count(double value, string unit)
    {
        var n = (int)Math.Round(value, MidpointRounding.AwayFromZero);
        return n == 1 ? $"1 {unit}" : $"{n} {unit}s";
    }
}
