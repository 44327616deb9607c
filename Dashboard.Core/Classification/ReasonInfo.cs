namespace Dashboard.Core.Classification;

/// <summary>One entry of the bounce-reason vocabulary: everything a page, the CSV or the API says about a reason.</summary>
/// <param name="Name">The reason's name (Sisimai's vocabulary), as stored on messages and events.</param>
/// <param name="Words">The reason in plain words, for people: a short sentence without a full stop.</param>
/// <param name="Advice">What to do about it, used when a rule gives no advice of its own.</param>
/// <param name="Policy">Whether a failure for this reason is permanent.</param>
/// <param name="CountsTowardStreak">Whether a soft bounce for this reason counts toward the soft-bounce streak.
/// False for reasons about our side (reputation, content, rate, policy): the address is fine.</param>
public sealed record ReasonInfo(string Name, string Words, string Advice, HardnessPolicy Policy, bool CountsTowardStreak);
