namespace Dashboard.Core.Messages;

/// <summary>
/// Where the single writer's time went, summed over the <see cref="MessageLedger"/>'s units of work
/// since the start: making the unit's context, the work itself (and, of the rounds' work, each kind's
/// batches), finding what changed (with the webhooks it queues) and the save with its commit. The
/// relay benchmark prints it per message, to say where the time goes.
/// </summary>
/// <param name="Units">Units of work saved.</param>
/// <param name="Opening">Making their contexts.</param>
/// <param name="Working">Their work: reading, deciding, changing entities (the rounds' kinds below are part of it).</param>
/// <param name="Finding">Finding what changed, and queueing the webhooks it calls for.</param>
/// <param name="Saving">Saving: the statements and the commit.</param>
/// <param name="Stores">Of the work, the rounds' batches of stores.</param>
/// <param name="Claims">… of claims.</param>
/// <param name="Answers">… of answers.</param>
public readonly record struct LedgerUsage(
    long Units, TimeSpan Opening, TimeSpan Working, TimeSpan Finding, TimeSpan Saving, TimeSpan Stores, TimeSpan Claims, TimeSpan Answers)
{
    /// <summary>What was spent after <paramref name="before"/> was read.</summary>
    public LedgerUsage Since(LedgerUsage before) => new(
        Units - before.Units, Opening - before.Opening, Working - before.Working, Finding - before.Finding, Saving - before.Saving,
        Stores - before.Stores, Claims - before.Claims, Answers - before.Answers);
}
