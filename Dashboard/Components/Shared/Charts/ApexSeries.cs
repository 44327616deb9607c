namespace Dashboard.Components.Shared.Charts;

/// <summary>One series: a value per x-axis category; null leaves a gap (no data that day).</summary>
public sealed record ApexSeries(string Name, IReadOnlyList<double?> Data);
