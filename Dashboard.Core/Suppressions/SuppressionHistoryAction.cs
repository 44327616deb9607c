namespace Dashboard.Core.Suppressions;

/// <summary>What happened to a suppression. Stored as an integer: do not renumber.</summary>
public enum SuppressionHistoryAction
{
    Added = 0,
    Removed = 1,
    Expired = 2,
}
