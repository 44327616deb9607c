namespace Dashboard.Components.Shared.Charts;

/// <summary>The hover tooltip.</summary>
public sealed record ApexTooltip
{
    /// <summary>One tooltip for all series at the hovered x.</summary>
    public bool Shared { get; init; } = true;

    public bool Intersect { get; init; }

    /// <summary>Ours, not ApexCharts': apexInterop.js formats values with this many decimals.</summary>
    public int? ValueDecimals { get; init; }

    /// <summary>Ours, not ApexCharts': appended to every value, e.g. "%".</summary>
    public string? ValueSuffix { get; init; }
}
