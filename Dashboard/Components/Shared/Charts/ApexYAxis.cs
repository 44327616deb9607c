namespace Dashboard.Components.Shared.Charts;

/// <summary>The y axis.</summary>
public sealed record ApexYAxis
{
    public double? Min { get; init; }

    public double? Max { get; init; }

    public int? TickAmount { get; init; }

    public ApexAxisTitle? Title { get; init; }

    /// <summary>Ours, not ApexCharts': apexInterop.js turns it into a label formatter (decimals + suffix).</summary>
    public int? LabelDecimals { get; init; }

    /// <summary>Ours, not ApexCharts': appended to every label, e.g. "%".</summary>
    public string? LabelSuffix { get; init; }
}
