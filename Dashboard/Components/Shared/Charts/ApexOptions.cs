using System.Text.Json.Serialization;

namespace Dashboard.Components.Shared.Charts;

/// <summary>
/// The subset of ApexCharts options the dashboard uses, typed. Serialised with
/// <see cref="ApexJson"/> (camelCase, nulls left out) and handed to <c>wwwroot/js/apexInterop.js</c>.
/// </summary>
public sealed record ApexOptions
{
    public required ApexChartSettings Chart { get; init; }

    public required IReadOnlyList<ApexSeries> Series { get; init; }

    [JsonPropertyName("xaxis")]
    public ApexXAxis? XAxis { get; init; }

    [JsonPropertyName("yaxis")]
    public ApexYAxis? YAxis { get; init; }

    /// <summary>One colour per series, in order.</summary>
    public IReadOnlyList<string>? Colors { get; init; }

    public ApexStroke? Stroke { get; init; }

    public ApexAnnotations? Annotations { get; init; }

    public ApexPlotOptions? PlotOptions { get; init; }

    public ApexDataLabels? DataLabels { get; init; }

    public ApexLegend? Legend { get; init; }

    public ApexTooltip? Tooltip { get; init; }

    public ApexTheme? Theme { get; init; }

    public ApexGrid? Grid { get; init; }

    public ApexMarkers? Markers { get; init; }

    /// <summary>
    /// Ours, not ApexCharts': one link per x value; apexInterop.js opens it when that point (or its
    /// column of the chart) is clicked. Null: clicks do nothing.
    /// </summary>
    public IReadOnlyList<string>? ClickUrls { get; init; }
}
