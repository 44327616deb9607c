namespace Dashboard.Core.Classification;

/// <summary>What a receiving server's answer means for the message.</summary>
public enum Outcome
{
    Delivered = 0,
    SoftBounce = 1,
    HardBounce = 2,
    /// <summary>Not a delivery result: a complaint, an auto-reply.</summary>
    Informational = 3,
}
