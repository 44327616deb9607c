namespace Dashboard.Components.Shared.Charts;

/// <summary>Text and background colour of a label.</summary>
public sealed record ApexLabelStyle(string Color, string Background);
