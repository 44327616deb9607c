using System.Diagnostics.Tracing;
using System.Globalization;
using Microsoft.Diagnostics.NETCore.Client;
using Microsoft.Diagnostics.Tracing;
using Microsoft.Diagnostics.Tracing.Parsers;

namespace Dashboard.Benchmarks.Web;

/// <summary>
/// The memory of another .NET process after a full, blocking GC that this class makes it run:
/// an EventPipe session with the runtime's GCHeapCollect keyword induces one (as dotnet-gcdump
/// does), and the GC's own GCHeapStats event gives the managed heap's size after it. Resident and
/// anonymous (private) memory come from /proc afterwards.
/// </summary>
internal sealed record AppMemory(double GcHeapMegabytes, double ResidentMegabytes, double PrivateMegabytes)
{
    public static async Task<AppMemory> AfterGcAsync(int processId)
    {
        var heap = new TaskCompletionSource<double>(TaskCreationOptions.RunContinuationsAsynchronously);
        var client = new DiagnosticsClient(processId);
        const long keywords = (long)(ClrTraceEventParser.Keywords.GC | ClrTraceEventParser.Keywords.GCHeapCollect);
        using (var session = client.StartEventPipeSession(
            [new EventPipeProvider("Microsoft-Windows-DotNETRuntime", EventLevel.Informational, keywords)], requestRundown: false))
        {
            using var source = new EventPipeEventSource(session.EventStream);
            var induced = false;
            source.Clr.GCStart += e => induced |= e.Reason == Microsoft.Diagnostics.Tracing.Parsers.Clr.GCReason.Induced && e.Depth == 2;
            source.Clr.GCHeapStats += e =>
            {
                if (induced)
                {
                    var bytes = e.GenerationSize0 + e.GenerationSize1 + e.GenerationSize2 + e.GenerationSize3 + e.GenerationSize4;
                    heap.TrySetResult(bytes / 1_048_576.0);
                }
            };
            var processing = Task.Run(source.Process);
            var done = await Task.WhenAny(heap.Task, Task.Delay(TimeSpan.FromSeconds(60)));
            await session.StopAsync(CancellationToken.None);
            await processing;
            if (done != heap.Task)
            {
                throw new TimeoutException($"process {processId} ran no induced full GC within 60 s of the GCHeapCollect session");
            }
        }
        // Let the GC hand freed segments back before reading what the process holds.
        await Task.Delay(TimeSpan.FromSeconds(1));
        return new AppMemory(await heap.Task, Status(processId, "VmRSS:"), Status(processId, "RssAnon:"));
    }

    public AppMemory Minus(AppMemory before) =>
        new(GcHeapMegabytes - before.GcHeapMegabytes, ResidentMegabytes - before.ResidentMegabytes, PrivateMegabytes - before.PrivateMegabytes);

    public AppMemory Per(int count) => new(GcHeapMegabytes / count, ResidentMegabytes / count, PrivateMegabytes / count);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"GC heap {GcHeapMegabytes:F2} MB, working set {ResidentMegabytes:F2} MB, private (anonymous) {PrivateMegabytes:F2} MB");

    private static double Status(int processId, string field)
    {
        var line = File.ReadLines($"/proc/{processId}/status").First(l => l.StartsWith(field, StringComparison.Ordinal));
        return long.Parse(line[field.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) / 1024.0;
    }
}
