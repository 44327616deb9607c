namespace Dashboard.Components.Shared.Charts;

/// <summary>A horizontal line at <paramref name="Y"/> (a threshold), or with <see cref="Y2"/> a band between the two.</summary>
public sealed record ApexYAxisAnnotation(double Y, string BorderColor, ApexAnnotationLabel? Label = null)
{
    /// <summary>Top of a band; null draws a line.</summary>
    public double? Y2 { get; init; }

    /// <summary>Fill of a band.</summary>
    public string? FillColor { get; init; }

    /// <summary>Opacity of a band's fill.</summary>
    public double? Opacity { get; init; }

    /// <summary>Dash length of the line; 0 = solid.</summary>
    public int StrokeDashArray { get; init; }

    public int BorderWidth { get; init; } = 2;
}
