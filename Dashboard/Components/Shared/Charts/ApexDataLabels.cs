namespace Dashboard.Components.Shared.Charts;

/// <summary>Values printed on the points or bars.</summary>
public sealed record ApexDataLabels(bool Enabled);
