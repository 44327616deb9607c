namespace Dashboard.Core.Sending;

/// <summary>
/// The time a submission's records carry: now, or for back-dated demo history the requested
/// moment plus however long the real work has taken, so a timeline keeps its order.
/// </summary>
internal sealed class SendClock(TimeProvider time, DateTimeOffset? backdateTo)
{
    private readonly DateTimeOffset _started = time.GetUtcNow();

    public DateTimeOffset Now => backdateTo is { } at ? at + (time.GetUtcNow() - _started) : time.GetUtcNow();
}
