namespace Dashboard.Components.Shared.Charts;

/// <summary>The text of an annotation.</summary>
public sealed record ApexAnnotationLabel(string Text, ApexLabelStyle Style)
{
    public string BorderColor { get; init; } = "transparent";

    /// <summary>"left", "center" or "right".</summary>
    public string Position { get; init; } = "left";

    /// <summary>Horizontal nudge: a left-positioned label otherwise starts off the plot area.</summary>
    public int OffsetX { get; init; } = 60;
}
