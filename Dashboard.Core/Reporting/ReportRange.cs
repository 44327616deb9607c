namespace Dashboard.Core.Reporting;

/// <summary>The reports' date ranges.</summary>
public enum ReportRange
{
    Last24Hours,
    Last7Days,
    Last30Days,
    Last90Days,
    Custom,
}
