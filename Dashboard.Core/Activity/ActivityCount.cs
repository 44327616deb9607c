namespace Dashboard.Core.Activity;

/// <summary>
/// How many messages match. Counting stops at <see cref="ActivityQueryService.BrowseLimit"/>, so a
/// count never reads more than that many index entries; <see cref="IsAtLeast"/> then says "or more".
/// </summary>
public sealed record ActivityCount(int Value, bool IsAtLeast)
{
    /// <summary>"1,234" or "10,000+".</summary>
    public override string ToString() => IsAtLeast ? $"{Value:N0}+" : $"{Value:N0}";
}
