namespace Dashboard.Components.Shared.Charts;

/// <summary>Line widths and shapes, one entry per series where a list.</summary>
public sealed record ApexStroke
{
    public IReadOnlyList<int>? Width { get; init; }

    /// <summary>"smooth", "straight" or "stepline".</summary>
    public string? Curve { get; init; }

    /// <summary>Dash length per series; 0 = solid.</summary>
    public IReadOnlyList<int>? DashArray { get; init; }
}
