namespace Dashboard.Core.Classification;

/// <summary>How a rule decides whether its failure is permanent (hard) or temporary (soft).</summary>
public enum HardnessPolicy
{
    /// <summary>Not a failure at all (delivered, complaint, auto-reply): hard is null.</summary>
    NotAFailure = 0,
    /// <summary>Always temporary: the address itself is fine and must not be suppressed.</summary>
    Soft = 1,
    /// <summary>Always permanent: the address will not work later either.</summary>
    Hard = 2,
    /// <summary>Permanent when the server answered 5xx (or a 5.x.x status), temporary with 4xx.</summary>
    HardWhenPermanentCode = 3,
}
