using System.Diagnostics;
using System.Text;
using Dashboard.Core.Bounces;

namespace Dashboard.Classify;

/// <summary>
/// <c>classify [--json] [--repeat N] PATH...</c>: reads bounce messages from files or folders
/// (recursively) and prints what each one reports. The arguments are read by
/// <see cref="ClassifyArguments"/>, the files listed and read by <see cref="ClassifyInput"/>, parsed
/// on every core by <see cref="OrderedRun"/> and printed by <see cref="ClassifyOutput"/>.
/// </summary>
public static class ClassifyCommand
{
    /// <summary>Runs the command on the process's standard streams; returns the exit code.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        // The command only reads, so .NET's advisory flock() around every open (two extra system
        // calls per file) buys nothing here. Set before the first file is opened, which fixes it.
        AppContext.SetSwitch("System.IO.DisableFileLocking", true);
        // Our own buffered writer on standard output instead of Console.Out: Console.Out is a
        // synchronised writer that flushes every write, and its WriteAsync(StringBuilder) copies each
        // 64K-char chunk into a large-object-heap array, which forced a full GC every few hundred files.
        var encoding = Console.OutputEncoding.CodePage == Encoding.UTF8.CodePage ? new UTF8Encoding(false) : Console.OutputEncoding;
        await using var stdout = new StreamWriter(Console.OpenStandardOutput(), encoding, 1 << 15) { AutoFlush = false };
        return await RunAsync(args, stdout, Console.Error);
    }

    /// <summary>Runs the command writing to the given streams (used by the tests).</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var arguments = ClassifyArguments.Parse(args, out var error);
        if (arguments is null)
        {
            await stderr.WriteLineAsync(error);
            return 2;
        }
        if (arguments.Help)
        {
            await stdout.WriteLineAsync(ClassifyArguments.Usage);
            return 0;
        }

        // Compile the parsing path on the second core while the folders are listed.
        ClassifyWarmUp.Start();
        var inputs = ClassifyInput.List(arguments.Paths, out var missing);
        if (inputs is null)
        {
            await stderr.WriteLineAsync($"classify: no such file or folder: {missing}");
            return 2;
        }

        var clock = Stopwatch.StartNew();
        if (!arguments.Json)
        {
            await stdout.WriteLineAsync(ClassifyOutput.TableHeader);
        }
        var messages = (long)inputs.Count * arguments.Repeat;
        await new OrderedRun(messages, index => Render(inputs[(int)(index % inputs.Count)], arguments.Json)).WriteAllAsync(stdout);
        await stdout.FlushAsync();
        clock.Stop();
        var seconds = Math.Max(clock.Elapsed.TotalSeconds, 1e-9);
        await stderr.WriteLineAsync(
            $"classify: {messages} messages in {seconds:0.000} s, {messages / seconds:0} messages/s");
        if (Environment.GetEnvironmentVariable("CLASSIFY_STATS") == "1")
        {
            await stderr.WriteLineAsync($"gc: {GC.GetTotalAllocatedBytes() / 1048576} MB allocated, gen0 {GC.CollectionCount(0)} gen1 {GC.CollectionCount(1)} gen2 {GC.CollectionCount(2)}, pause {GC.GetTotalPauseDuration().TotalMilliseconds:0} ms, jit {System.Runtime.JitInfo.GetCompiledMethodCount()} methods {System.Runtime.JitInfo.GetCompilationTime().TotalMilliseconds:0} ms");
            var info = GC.GetGCMemoryInfo(GCKind.Ephemeral);
            await stderr.WriteLineAsync($"last ephemeral gc: gen {info.Generation} promoted {info.PromotedBytes / 1024} KB pause {string.Join(",", info.PauseDurations.ToArray().Select(d => d.TotalMilliseconds))} ms gens " + string.Join(" | ", info.GenerationInfo.ToArray().Select(g => $"{g.SizeBeforeBytes / 1024}->{g.SizeAfterBytes / 1024} KB")));
        }
        return 0;
    }

    /// <summary>One file's lines; a file that cannot be read or parsed is "not a bounce".</summary>
    private static string Render(ClassifyInput input, bool json)
    {
        IReadOnlyList<BounceReport> reports;
        try
        {
            reports = BounceParser.Parse(input.Read());
        }
        catch (Exception)
        {
            // Never leave the writer waiting: an unreadable or unparsable file is "not a bounce".
            reports = [];
        }
        return ClassifyOutput.Render(input.Name, reports, json);
    }
}
