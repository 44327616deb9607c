namespace Dashboard.Components.Shared;

/// <summary>
/// What a component shows from a read it repeats: on a feed's change and after its own actions. Reads
/// are numbered as they start, and only the latest one's answer is kept: an older read that ends later
/// (a change elsewhere, then the user's own action) would otherwise undo what the user just did until
/// the next change. Used on the circuit's context only, so the count needs no lock.
/// </summary>
public sealed class LatestRead<T>(Func<Task<T>> read)
{
    private int _started;

    /// <summary>The latest read's answer; default until one has ended.</summary>
    public T? Value { get; private set; }

    /// <summary>Reads again; false when a later read started meanwhile (its answer is the one kept).</summary>
    public async Task<bool> RunAsync()
    {
        var mine = ++_started;
        var value = await read();
        if (mine != _started)
        {
            return false;
        }
        Value = value;
        return true;
    }
}
