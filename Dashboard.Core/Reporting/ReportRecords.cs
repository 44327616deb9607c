using Dashboard.Core.Classification;

namespace Dashboard.Core.Reporting;

/// <summary>One bucket (hour or day) of a report series; empty buckets are zeros.</summary>
public sealed record ReportPoint(DateTimeOffset Start, DeliveryCounts Counts);

/// <summary>A report's series over its window, and the totals.</summary>
public sealed record ReportSeries(ReportWindow Window, IReadOnlyList<ReportPoint> Points, DeliveryCounts Totals);

/// <summary>What a breakdown table groups by.</summary>
public enum ReportDimension
{
    Provider,
    Sender,
    Tag,
}

/// <summary>One line of a breakdown table.</summary>
/// <param name="Key">The provider, sender or tag.</param>
/// <param name="Counts">Its totals over the window.</param>
/// <param name="BounceRates">Its bounce rate per bucket in percent (a sparkline); null where nothing was sent.</param>
/// <param name="TopReason">Its most frequent bounce reason, if it bounced at all.</param>
public sealed record BreakdownRow(string Key, DeliveryCounts Counts, IReadOnlyList<double?> BounceRates, string? TopReason);

/// <summary>How often a bounce reason occurred, and who must act on it.</summary>
public sealed record ReasonCount(string Reason, bool IsHard, ActingParty Party, int Count);

/// <summary>The senders, providers and tags that have mail in a window, for the filter pickers.</summary>
public sealed record ReportDimensionValues(IReadOnlyList<string> Senders, IReadOnlyList<string> Providers, IReadOnlyList<string> Tags);
