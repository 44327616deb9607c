namespace Dashboard.Core.Suppressions;

/// <summary>Consecutive soft bounces per address; a delivery resets it.</summary>
public sealed class RecipientStreak
{
    public required string Address { get; set; }

    public int ConsecutiveSoftBounces { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Starts the count again: a delivery, a hard bounce, or the streak reaching its limit.</summary>
    public void Reset(DateTimeOffset now)
    {
        ConsecutiveSoftBounces = 0;
        UpdatedAt = now;
    }
}
