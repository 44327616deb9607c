namespace Dashboard.Core.Reporting.Rollups;

/// <summary>The length of a rollup bucket. Stored as an integer: do not renumber.</summary>
public enum RollupPeriod
{
    Hour = 0,
    Day = 1,

    /// <summary>Seven days from a Monday (tick 0, 0001-01-01, was a Monday): totals over long windows read a row per week.</summary>
    Week = 2,

    /// <summary>
    /// Twenty-eight days from a Monday (tick 0), delivery rollups only: an upper bound of each key's
    /// volume over a long window in a few rows per key, so a ranking reads the exact figures only of
    /// the keys that can reach the top (see ReportQueryService.RankAsync).
    /// </summary>
    FourWeeks = 3,
}
