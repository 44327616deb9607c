namespace Dashboard.Core.Reclassification;

/// <summary>One stored verdict that today's rules read differently.</summary>
/// <param name="EventId">The timeline event whose verdict changes.</param>
/// <param name="MessageId">Its message.</param>
/// <param name="MessagePublicId">The message's public id, for a link to its timeline.</param>
/// <param name="Recipient">The message's recipient.</param>
/// <param name="OccurredAt">When the reply or bounce came.</param>
/// <param name="Response">The stored server reply or bounce diagnostic that was re-read.</param>
/// <param name="OldReason">The stored reason.</param>
/// <param name="OldHard">The stored hard/soft.</param>
/// <param name="NewReason">Today's reason.</param>
/// <param name="NewHard">Today's hard/soft.</param>
/// <param name="NewRule">The rule that decides today.</param>
/// <param name="IsLatest">True when this event set the message's current status (so the status follows).</param>
public sealed record ReclassificationChange(
    long EventId,
    long MessageId,
    string MessagePublicId,
    string Recipient,
    DateTimeOffset OccurredAt,
    string? Response,
    string? OldReason,
    bool? OldHard,
    string NewReason,
    bool? NewHard,
    string NewRule,
    bool IsLatest);

/// <summary>How many stored verdicts move from one reason to another.</summary>
public sealed record ReclassificationCount(string? OldReason, bool? OldHard, string NewReason, bool? NewHard, int Count);

/// <summary>What re-running the classifier over every stored reply and bounce would change.</summary>
/// <param name="Examined">Stored verdicts read again.</param>
/// <param name="Counts">Changes grouped by old → new reason, largest first.</param>
/// <param name="Changes">Every change, newest first.</param>
public sealed record ReclassificationDiff(int Examined, IReadOnlyList<ReclassificationCount> Counts, IReadOnlyList<ReclassificationChange> Changes)
{
    /// <summary>Changes that flip hard and soft: these move suppressions and statuses.</summary>
    public int HardnessFlips => Changes.Count(c => c.OldHard != c.NewHard);
}
