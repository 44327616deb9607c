namespace Dashboard.Components.Shared.Charts;

/// <summary>Type-specific options.</summary>
public sealed record ApexPlotOptions(ApexBarOptions Bar);
