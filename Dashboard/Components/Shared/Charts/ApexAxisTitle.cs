namespace Dashboard.Components.Shared.Charts;

/// <summary>An axis title.</summary>
public sealed record ApexAxisTitle(string Text);
