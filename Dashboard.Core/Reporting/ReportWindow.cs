using Dashboard.Core.Reporting.Rollups;

namespace Dashboard.Core.Reporting;

/// <summary>A resolved report window: [<paramref name="From"/>, <paramref name="To"/>) in UTC, in hourly or daily buckets.</summary>
public sealed record ReportWindow(DateTimeOffset From, DateTimeOffset To, RollupPeriod Period)
{
    /// <summary>The length of one bucket.</summary>
    public TimeSpan Step => Period == RollupPeriod.Hour ? TimeSpan.FromHours(1) : TimeSpan.FromDays(1);

    /// <summary>Every bucket start of the window, oldest first.</summary>
    public IEnumerable<DateTimeOffset> Buckets()
    {
        for (var at = From; at < To; at += Step)
        {
            yield return at;
        }
    }
}
