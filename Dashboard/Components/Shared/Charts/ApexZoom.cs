namespace Dashboard.Components.Shared.Charts;

/// <summary>Mouse-wheel and selection zoom.</summary>
public sealed record ApexZoom(bool Enabled);
