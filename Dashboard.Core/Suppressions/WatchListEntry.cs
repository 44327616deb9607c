namespace Dashboard.Core.Suppressions;

/// <summary>An address on a soft-bounce streak: how many in a row, and the last one's reason and reply.</summary>
/// <param name="Address">The recipient address.</param>
/// <param name="ConsecutiveSoftBounces">Soft bounces in a row that count towards the limit.</param>
/// <param name="Limit">The streak that counts as a hard bounce (Sending:SoftBounceStreakLimit).</param>
/// <param name="LastReason">The classifier's reason for the latest soft bounce, if a message records it.</param>
/// <param name="LastResponse">The server's reply to the latest soft bounce.</param>
/// <param name="LastMessagePublicId">That message, for a link to its timeline.</param>
/// <param name="UpdatedAt">When the streak last grew.</param>
public sealed record WatchListEntry(
    string Address,
    int ConsecutiveSoftBounces,
    int Limit,
    string? LastReason,
    string? LastResponse,
    string? LastMessagePublicId,
    DateTimeOffset UpdatedAt)
{
    /// <summary>Soft bounces left before the address is suppressed.</summary>
    public int Remaining => Math.Max(0, Limit - ConsecutiveSoftBounces);
}
