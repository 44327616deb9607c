namespace Dashboard.Core.Suppressions;

/// <summary>Why an address is suppressed. Stored as an integer: do not renumber.</summary>
public enum SuppressionReason
{
    HardBounce = 0,
    SoftBounceStreak = 1,
    SpamComplaint = 2,
    Unsubscribe = 3,
    Manual = 4,
}
