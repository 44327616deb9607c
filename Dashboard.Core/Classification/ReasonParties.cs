namespace Dashboard.Core.Classification;

/// <summary>The one table of which reasons are whose to fix; suppressions, reports and alerts read it.</summary>
public static class ReasonParties
{
    /// <summary>
    /// Reasons that say something about our mail (reputation, content, rate, policy, authentication)
    /// rather than the address. They never count towards a soft-bounce streak and make up a
    /// provider block.
    /// </summary>
    public static readonly IReadOnlySet<string> SenderSide = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        Reasons.Blocked, Reasons.Filtered, Reasons.Rejected, Reasons.PolicyViolation, Reasons.SpamDetected,
        Reasons.SecurityError, Reasons.TooManyConn, Reasons.MesgTooBig, Reasons.VirusDetected, Reasons.ContentError,
        Reasons.NoRelaying, Reasons.SyntaxError, Reasons.ExceedLimit,
    };

    private static readonly HashSet<string> AddressSide = new(StringComparer.OrdinalIgnoreCase)
    {
        Reasons.UserUnknown, Reasons.HostUnknown, Reasons.HasMoved, Reasons.NotAccept, Reasons.Suspend,
    };

    /// <summary>Who must act on <paramref name="reason"/>; anything not the address's or ours is the recipient side's (wait and see).</summary>
    public static ActingParty For(string? reason) =>
        reason is null ? ActingParty.RecipientSide
        : AddressSide.Contains(reason) ? ActingParty.TheAddress
        : SenderSide.Contains(reason) ? ActingParty.YourSide
        : ActingParty.RecipientSide;
}
