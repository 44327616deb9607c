namespace Dashboard.Core.Messages;

/// <summary>
/// One kind of work the pipeline hands to <see cref="MessageLedger.InRoundAsync{TIn, TOut}"/> over and
/// over (store a submission, claim an envelope, record an answer): how a batch of it runs inside a
/// unit of work, where it goes in a round, and what a lone item's expected failure means.
/// </summary>
/// <param name="order">Where the kind runs inside a round (<see cref="RoundOrder"/>).</param>
/// <param name="run">Runs a batch inside the unit; returns one result per item, in order.</param>
/// <param name="expectedFailure">A failure of an item in a unit of its own that is an answer, not an
/// error (a claim whose message another instance changed first).</param>
/// <param name="resultOnExpectedFailure">The item's result then.</param>
internal sealed class LedgerBatch<TIn, TOut>(
    int order,
    Func<LedgerTransaction, IReadOnlyList<TIn>, Task<IReadOnlyList<TOut>>> run,
    Func<Exception, bool>? expectedFailure = null,
    TOut resultOnExpectedFailure = default!) : LedgerBatch(order)
{
    internal override async Task<IReadOnlyList<object?>> RunAsync(LedgerTransaction transaction, IReadOnlyList<object?> inputs) =>
        [.. (await run(transaction, [.. inputs.Cast<TIn>()])).Select(result => (object?)result)];

    internal override bool TryRecover(Exception failure, out object? result)
    {
        result = resultOnExpectedFailure;
        return expectedFailure?.Invoke(failure) == true;
    }
}

/// <summary>The untyped side of <see cref="LedgerBatch{TIn, TOut}"/>, for the rounds.</summary>
internal abstract class LedgerBatch(int order)
{
    /// <summary>Where this kind runs inside a round: one of <see cref="RoundOrder"/>'s places.</summary>
    internal int Order { get; } = order is >= 0 and < RoundOrder.Count ? order
        : throw new ArgumentOutOfRangeException(nameof(order), order, $"A round has {RoundOrder.Count} places (RoundOrder).");

    internal abstract Task<IReadOnlyList<object?>> RunAsync(LedgerTransaction transaction, IReadOnlyList<object?> inputs);

    internal abstract bool TryRecover(Exception failure, out object? result);
}

/// <summary>
/// The pipeline's kinds in the order they run inside a round: a submission is stored before an answer
/// in the same round adds a suppression, as if their units had come one after the other.
/// </summary>
internal static class RoundOrder
{
    public const int Store = 0, Claim = 1, Answer = 2;

    /// <summary>How many places a round has (the ledger counts each kind's time in its own).</summary>
    public const int Count = 3;

    /// <summary>
    /// How long a claim or an answer may wait for company: a client waits on its store (its "250"
    /// comes after the commit), nobody outside on a claim or an answer. A few milliseconds let them
    /// ride in the next store's round instead of a commit and a hold of the write gate of their own,
    /// which a store arriving meanwhile would have to wait for. Stores never wait.
    /// </summary>
    public static readonly TimeSpan Patience = TimeSpan.FromMilliseconds(2);
}
