namespace Dashboard.Components.Shared.Charts;

/// <summary>The background grid lines.</summary>
public sealed record ApexGrid(string BorderColor);
