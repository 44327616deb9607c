namespace Dashboard.Core.Activity;

/// <summary>
/// How many messages match. Counting reads at most <see cref="ActivityQueryService.BrowseLimit"/>
/// rows of the driving index; when it stopped there, <see cref="IsAtLeast"/> says "or more".
/// </summary>
public sealed record ActivityCount(int Value, bool IsAtLeast)
{
    /// <summary>"1,234" or "10,000+".</summary>
    public override string ToString() => IsAtLeast ? $"{Value:N0}+" : $"{Value:N0}";
}
