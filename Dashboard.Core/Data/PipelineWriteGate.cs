namespace Dashboard.Core.Data;

/// <summary>
/// Serialises the pipeline's read-modify-write steps (status updates, streak counters, suppressions).
/// SQLite has a single writer anyway, so this costs no throughput, and it makes "read the streak,
/// add one, maybe suppress" atomic among concurrent sends without retry loops on busy errors.
/// One instance per application (a singleton): messages are written through
/// <see cref="Messages.MessageLedger"/>, suppressions by <see cref="Suppressions.SuppressionRules"/> and <see cref="Suppressions.SuppressionService"/>,
/// all holding this gate. On PostgreSQL it serialises this process's writers the same way; it does
/// not reach another instance on the same database: there a message's claim is made safe by its
/// concurrency tokens (<see cref="Messages.Message.ClaimedBy"/>), not by this gate.
/// </summary>
public sealed class PipelineWriteGate
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private long _holds;
    private long _heldTicks;

    /// <summary>How often the gate was taken, and for how long in all, since start (a benchmark's reading).</summary>
    public (long Holds, TimeSpan Held) Usage =>
        (Interlocked.Read(ref _holds), System.Diagnostics.Stopwatch.GetElapsedTime(0, Interlocked.Read(ref _heldTicks)));

    /// <summary>Waits for the gate; dispose the result to leave it.</summary>
    public async Task<IDisposable> EnterAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        return new Release(this);
    }

    private sealed class Release(PipelineWriteGate owner) : IDisposable
    {
        private readonly long _taken = System.Diagnostics.Stopwatch.GetTimestamp();
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                Interlocked.Add(ref owner._heldTicks, System.Diagnostics.Stopwatch.GetTimestamp() - _taken);
                Interlocked.Increment(ref owner._holds);
                owner._gate.Release();
            }
        }
    }
}
