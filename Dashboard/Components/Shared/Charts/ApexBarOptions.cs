namespace Dashboard.Components.Shared.Charts;

/// <summary>Bar chart options.</summary>
/// <param name="ColumnWidth">Share of the slot a column fills, e.g. "70%".</param>
public sealed record ApexBarOptions(string ColumnWidth);
