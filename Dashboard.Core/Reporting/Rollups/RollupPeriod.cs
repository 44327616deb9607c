namespace Dashboard.Core.Reporting.Rollups;

/// <summary>The length of a rollup bucket. Stored as an integer: do not renumber.</summary>
public enum RollupPeriod
{
    Hour = 0,
    Day = 1,

    /// <summary>Seven days from a Monday (tick 0, 0001-01-01, was a Monday): totals over long windows read a row per week.</summary>
    Week = 2,
}
