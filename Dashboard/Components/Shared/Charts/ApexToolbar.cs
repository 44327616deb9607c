namespace Dashboard.Components.Shared.Charts;

/// <summary>The download/zoom toolbar.</summary>
public sealed record ApexToolbar(bool Show);
