namespace Dashboard.Core.Reporting.Rollups;

/// <summary>The length of a rollup bucket. Stored as an integer: do not renumber.</summary>
public enum RollupPeriod
{
    Hour = 0,
    Day = 1,
}
