namespace Dashboard.Components.Shared.Charts;

/// <summary>Chart types ApexCharts knows that the dashboard uses.</summary>
public static class ApexChartType
{
    public const string Line = "line";
    public const string Bar = "bar";
    public const string Area = "area";
}
