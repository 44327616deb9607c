namespace Dashboard.Components.Shared.Charts;

/// <summary>The text of an annotation.</summary>
public sealed record ApexAnnotationLabel(string Text, ApexLabelStyle Style)
{
    public string BorderColor { get; init; } = "transparent";

    /// <summary>"left", "center" or "right": where on the line the label is anchored.</summary>
    public string Position { get; init; } = "left";

    /// <summary>
    /// "start", "middle" or "end": which end of the text sits at the anchor. ApexCharts' own "end"
    /// puts a left label's text to the left of the plot area, over the axis labels, by however long
    /// the text is; "start" keeps it inside, whatever its length.
    /// </summary>
    public string TextAnchor { get; init; } = "start";

    /// <summary>Horizontal nudge from the anchor: a little room between the axis and the label.</summary>
    public int OffsetX { get; init; } = 6;
}
