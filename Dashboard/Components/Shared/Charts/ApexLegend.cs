namespace Dashboard.Components.Shared.Charts;

/// <summary>The legend.</summary>
/// <param name="Position">"top", "bottom", "left" or "right".</param>
public sealed record ApexLegend(string Position)
{
    /// <summary>"left", "center" or "right".</summary>
    public string HorizontalAlign { get; init; } = "left";
}
