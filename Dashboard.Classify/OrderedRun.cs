using System.Text;

namespace Dashboard.Classify;

/// <summary>
/// Renders items 0 … <c>total</c>-1 on one worker thread per core and writes them in item order from
/// the calling thread. Items are handed out in blocks of <see cref="BlockSize"/>: a worker renders a
/// whole block into one string, so the threads meet once per block rather than once per item
/// (per-item hand-offs made the lock the busiest spot of a run). Workers take the next block as soon
/// as they finish one and may run at most <see cref="Window"/> blocks ahead of the writer, which
/// bounds the memory held by rendered but unwritten output.
/// </summary>
/// <param name="total">How many items.</param>
/// <param name="render">An item's text; must not throw (the writer would wait for it forever).</param>
internal sealed class OrderedRun(long total, Func<long, string> render)
{
    private const int BlockSize = 32;
    private const int Window = 64;

    private readonly string?[] results = new string?[Window];
    private readonly long blocks = (total + BlockSize - 1) / BlockSize;
    private readonly object gate = new();
    private long next;
    private long written;
    private long writerWaitsFor = -1;
    private int workersWaiting;

    /// <summary>Starts the workers and writes every block to <paramref name="output"/>, in order.</summary>
    public async Task WriteAllAsync(TextWriter output)
    {
        var workers = new Thread[Math.Max(1, Environment.ProcessorCount)];
        for (var w = 0; w < workers.Length; w++)
        {
            workers[w] = new Thread(Work) { IsBackground = true, Name = $"classify-{w}" };
            workers[w].Start();
        }
        for (long block = 0; block < blocks; block++)
        {
            output.Write(Take(block));
        }
        await output.FlushAsync();
    }

    private string Take(long block)
    {
        lock (gate)
        {
            string? text;
            while ((text = results[block % Window]) is null)
            {
                writerWaitsFor = block;
                Monitor.Wait(gate);
            }
            writerWaitsFor = -1;
            results[block % Window] = null;
            written = block + 1;
            if (workersWaiting > 0)
            {
                Monitor.PulseAll(gate);
            }
            return text;
        }
    }

    private void Work()
    {
        // Below the large-object threshold for a block of ordinary lines.
        var output = new StringBuilder(16 * 1024);
        while (true)
        {
            var block = Interlocked.Increment(ref next) - 1;
            if (block >= blocks)
            {
                return;
            }
            if (block >= Volatile.Read(ref written) + Window)
            {
                lock (gate)
                {
                    while (block >= written + Window)
                    {
                        workersWaiting++;
                        Monitor.Wait(gate);
                        workersWaiting--;
                    }
                }
            }
            output.Clear();
            for (var index = block * BlockSize; index < Math.Min(total, (block + 1) * BlockSize); index++)
            {
                output.Append(render(index));
            }
            var text = output.ToString();
            lock (gate)
            {
                results[block % Window] = text;
                if (writerWaitsFor == block)
                {
                    Monitor.PulseAll(gate);
                }
            }
        }
    }
}
