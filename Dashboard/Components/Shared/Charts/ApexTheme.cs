namespace Dashboard.Components.Shared.Charts;

/// <summary>"light" or "dark": axis labels, grid and tooltip colours follow it.</summary>
public sealed record ApexTheme(string Mode);
