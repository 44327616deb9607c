namespace Dashboard.Components.Shared.Charts;

/// <summary>The x axis: one label per data point.</summary>
public sealed record ApexXAxis(IReadOnlyList<string> Categories)
{
    public string Type { get; init; } = "category";

    /// <summary>How many labels to show at most, so 30 days do not overlap.</summary>
    public int? TickAmount { get; init; }
}
