namespace Dashboard.Components.Shared.Charts;

/// <summary>ApexCharts' <c>chart</c> block.</summary>
/// <param name="Type">"line", "bar", "area", … (see <see cref="ApexChartType"/>).</param>
/// <param name="Height">Height in pixels.</param>
public sealed record ApexChartSettings(string Type, int Height)
{
    public bool? Stacked { get; init; }

    public ApexToolbar? Toolbar { get; init; }

    /// <summary>Defaults to transparent, so the chart sits on the card's own colour in light and dark mode.</summary>
    public string Background { get; init; } = "transparent";

    public string FontFamily { get; init; } = "Roboto, Helvetica, Arial, sans-serif";

    public ApexZoom? Zoom { get; init; }
}
