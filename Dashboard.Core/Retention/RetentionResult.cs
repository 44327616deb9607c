namespace Dashboard.Core.Retention;

/// <summary>What one pruning run removed.</summary>
public sealed record RetentionResult(int MessagesWithoutContent, int ContentsDeleted, int UnmatchedDeleted, int EventsDeleted)
{
    public bool Removed => MessagesWithoutContent + ContentsDeleted + UnmatchedDeleted + EventsDeleted > 0;
}
