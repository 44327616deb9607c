namespace Dashboard.Core.Suppressions;

/// <summary>One page of a list, with the total so a table can page through the rest.</summary>
public sealed record SuppressionPage<T>(IReadOnlyList<T> Items, int TotalCount);
