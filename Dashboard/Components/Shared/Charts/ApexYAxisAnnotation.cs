namespace Dashboard.Components.Shared.Charts;

/// <summary>A horizontal line at <paramref name="Y"/>, such as a threshold.</summary>
public sealed record ApexYAxisAnnotation(double Y, string BorderColor, ApexAnnotationLabel Label)
{
    /// <summary>Dash length of the line; 0 = solid.</summary>
    public int StrokeDashArray { get; init; } = 6;

    public int BorderWidth { get; init; } = 2;
}
