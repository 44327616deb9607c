using System.Globalization;
using Dashboard.Core.Reporting.Rollups;
using Microsoft.AspNetCore.WebUtilities;

namespace Dashboard.Core.Reporting;

/// <summary>
/// What the reports show: a date range and optional sender, tag and provider, applied to every
/// chart and table. Lives in the URL (<see cref="Parse"/> and <see cref="ToQueryString"/>
/// round-trip; a bad value is ignored, never an error).
/// </summary>
public sealed record ReportFilter
{
    /// <summary>Hourly points up to this span, daily beyond.</summary>
    public static readonly TimeSpan HourlyUpTo = TimeSpan.FromHours(48);

    /// <summary>The longest custom range, in days.</summary>
    public const int MaxDays = 366;

    /// <summary>Defaults to the last 30 days.</summary>
    public ReportRange Range { get; init; } = ReportRange.Last30Days;

    /// <summary>First day of a custom range (UTC, inclusive).</summary>
    public DateOnly? From { get; init; }

    /// <summary>Last day of a custom range (UTC, inclusive).</summary>
    public DateOnly? To { get; init; }

    /// <summary>Only mail from this sender address (case-insensitive).</summary>
    public string? Sender { get; init; }

    /// <summary>Only mail to this mailbox provider (<see cref="MailboxProviders"/>).</summary>
    public string? Provider { get; init; }

    /// <summary>Only mail with this tag.</summary>
    public string? Tag { get; init; }

    /// <summary>The window at <paramref name="now"/>: whole hours for 24 h, whole UTC days otherwise.</summary>
    public ReportWindow Resolve(DateTimeOffset now)
    {
        var nextHour = Floor(now, TimeSpan.TicksPerHour).AddHours(1);
        var tomorrow = Floor(now, TimeSpan.TicksPerDay).AddDays(1);
        switch (Range)
        {
            case ReportRange.Last24Hours:
                return new ReportWindow(nextHour.AddHours(-24), nextHour, RollupPeriod.Hour);
            case ReportRange.Last7Days:
                return new ReportWindow(tomorrow.AddDays(-7), tomorrow, RollupPeriod.Day);
            case ReportRange.Last90Days:
                return new ReportWindow(tomorrow.AddDays(-90), tomorrow, RollupPeriod.Day);
            case ReportRange.Custom:
                var today = DateOnly.FromDateTime(now.UtcDateTime);
                var (first, last) = (From ?? today.AddDays(-29), To ?? today);
                if (last < first)
                {
                    (first, last) = (last, first);
                }
                if (last.DayNumber - first.DayNumber >= MaxDays)
                {
                    first = last.AddDays(1 - MaxDays);
                }
                var from = new DateTimeOffset(first.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
                var to = new DateTimeOffset(last.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
                return new ReportWindow(from, to, to - from <= HourlyUpTo ? RollupPeriod.Hour : RollupPeriod.Day);
            default:
                return new ReportWindow(tomorrow.AddDays(-30), tomorrow, RollupPeriod.Day);
        }
    }

    /// <summary>Reads a filter from a query string; unknown or malformed values are ignored.</summary>
    public static ReportFilter Parse(string? queryString)
    {
        var query = QueryHelpers.ParseQuery(queryString);
        string? One(string key) => query.TryGetValue(key, out var values) && !string.IsNullOrWhiteSpace(values.LastOrDefault()) ? values.LastOrDefault()!.Trim() : null;
        var range = One("range")?.ToLowerInvariant() switch
        {
            "24h" => ReportRange.Last24Hours,
            "7d" => ReportRange.Last7Days,
            "90d" => ReportRange.Last90Days,
            "custom" => ReportRange.Custom,
            _ => ReportRange.Last30Days,
        };
        return new ReportFilter
        {
            Range = range,
            From = range == ReportRange.Custom ? ParseDay(One("from")) : null,
            To = range == ReportRange.Custom ? ParseDay(One("to")) : null,
            Sender = One("sender")?.ToLowerInvariant(),
            Provider = One("provider"),
            Tag = One("tag"),
        };
    }

    /// <summary>The query string, without "?"; empty for the default. Keys in a fixed order.</summary>
    public string ToQueryString()
    {
        var parts = new List<(string Key, string Value)>();
        var range = Range switch
        {
            ReportRange.Last24Hours => "24h",
            ReportRange.Last7Days => "7d",
            ReportRange.Last90Days => "90d",
            ReportRange.Custom => "custom",
            _ => null,
        };
        if (range is not null) parts.Add(("range", range));
        if (Range == ReportRange.Custom && From is { } from) parts.Add(("from", from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
        if (Range == ReportRange.Custom && To is { } to) parts.Add(("to", to.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
        if (Sender is { } sender) parts.Add(("sender", sender));
        if (Provider is { } provider) parts.Add(("provider", provider));
        if (Tag is { } tag) parts.Add(("tag", tag));
        return string.Join('&', parts.Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value)}"));
    }

    private static DateOnly? ParseDay(string? value) =>
        DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null;

    private static DateTimeOffset Floor(DateTimeOffset time, long ticks) => new(time.UtcTicks - time.UtcTicks % ticks, TimeSpan.Zero);
}
