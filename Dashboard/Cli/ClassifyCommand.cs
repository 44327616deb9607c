using System.Buffers;
using System.Diagnostics;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Dashboard.Core.Bounces;

namespace Dashboard.Cli;

/// <summary>
/// <c>classify [--json] [--repeat N] PATH...</c>: reads bounce messages from files or folders
/// (recursively) and prints what each one reports, without starting the web server.
/// </summary>
public static class ClassifyCommand
{
    private static readonly JsonWriterOptions JsonOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = true,
    };

    /// <summary>Runs the command; returns the process exit code.</summary>
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
        var json = false;
        var repeat = 1;
        var paths = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--json":
                    json = true;
                    break;
                case "--repeat" when i + 1 < args.Length && int.TryParse(args[i + 1], out var n) && n > 0:
                    repeat = n;
                    i++;
                    break;
                case "-h" or "--help":
                    await stdout.WriteLineAsync(Usage);
                    return 0;
                default:
                    if (args[i].StartsWith("--", StringComparison.Ordinal))
                    {
                        await stderr.WriteLineAsync($"classify: unknown option {args[i]}\n{Usage}");
                        return 2;
                    }
                    paths.Add(args[i]);
                    break;
            }
        }
        if (paths.Count == 0)
        {
            await stderr.WriteLineAsync(Usage);
            return 2;
        }

        // Compile the parsing path on the second core while the folders are listed.
        ClassifyWarmUp.Start();
        var inputs = new List<Input>();
        foreach (var path in paths)
        {
            if (File.Exists(path))
            {
                inputs.Add(new Input(path, path));
            }
            else if (Directory.Exists(path))
            {
                var files = Directory.EnumerateFiles(path, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.Hidden })
                    .Order(StringComparer.Ordinal);
                foreach (var file in files)
                {
                    inputs.Add(new Input(file, Path.GetRelativePath(path, file).Replace('\\', '/')));
                }
            }
            else
            {
                await stderr.WriteLineAsync($"classify: no such file or folder: {path}");
                return 2;
            }
        }

        var clock = Stopwatch.StartNew();
        if (!json)
        {
            await stdout.WriteLineAsync($"{"file",-40} {"recipient",-36} {"reason",-15} {"hard",-5} {"status",-8} {"code",-4} diagnostic");
        }
        var messages = (long)inputs.Count * repeat;
        await new OrderedRun(inputs, messages, json).WriteAllAsync(stdout);
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

    private const string Usage = "usage: classify [--json] [--repeat N] PATH...";

    private sealed record Input(string Path, string Name);

    /// <summary>
    /// Parses on one worker thread per core and writes the output in input order from the calling
    /// thread. Files are handed out in blocks of <see cref="BlockSize"/>: a worker renders a whole
    /// block into one string, so the threads meet once per block rather than once per file (per-file
    /// hand-offs made the lock the busiest spot of a run). Workers take the next block as soon as they
    /// finish one and may run at most <see cref="Window"/> blocks ahead of the writer, which bounds
    /// the memory held by rendered but unwritten output.
    /// </summary>
    private sealed class OrderedRun(List<Input> inputs, long total, bool json)
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

        public async Task WriteAllAsync(TextWriter stdout)
        {
            var workers = new Thread[Math.Max(1, Environment.ProcessorCount)];
            for (var w = 0; w < workers.Length; w++)
            {
                workers[w] = new Thread(Work) { IsBackground = true, Name = $"classify-{w}" };
                workers[w].Start();
            }
            for (long block = 0; block < blocks; block++)
            {
                stdout.Write(Take(block));
            }
            await stdout.FlushAsync();
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
                    var input = inputs[(int)(index % inputs.Count)];
                    try
                    {
                        output.Append(Render(input, json));
                    }
                    catch (Exception)
                    {
                        // Never leave the writer waiting: an unreadable file is "not a bounce".
                        output.Append(json ? RenderJson(input.Name, []) : RenderTable(input.Name, []));
                    }
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

    private static string Render(Input input, bool json)
    {
        IReadOnlyList<BounceReport> reports;
        try
        {
            reports = BounceParser.Parse(Read(input.Path));
        }
        catch (IOException)
        {
            reports = [];
        }
        catch (UnauthorizedAccessException)
        {
            reports = [];
        }
        return json ? RenderJson(input.Name, reports) : RenderTable(input.Name, reports);
    }

    /// <summary>The most of a file that is read, as in <see cref="BounceParser.Parse(Stream)"/>.</summary>
    private const int MaxFileBytes = 64 * 1024 * 1024;

    /// <summary>Files up to this size are read into the worker's own reused buffer.</summary>
    private const int ReusedBufferBytes = 1024 * 1024;

    [ThreadStatic]
    private static byte[]? fileBuffer;

    /// <summary>
    /// The file's bytes, in the worker's reused buffer when they fit: a run reads thousands of small
    /// files, and a fresh array per file was a sixth of everything allocated.
    /// </summary>
    private static ReadOnlyMemory<byte> Read(string path)
    {
        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        var length = (int)Math.Min(RandomAccess.GetLength(handle), MaxFileBytes);
        var buffer = length <= ReusedBufferBytes
            ? fileBuffer is { } reused && reused.Length >= length ? reused : fileBuffer = new byte[Math.Max(length, 64 * 1024)]
            : new byte[length];
        var read = 0;
        while (read < length)
        {
            var n = RandomAccess.Read(handle, buffer.AsSpan(read, length - read), read);
            if (n == 0)
            {
                break;
            }
            read += n;
        }
        return new ReadOnlyMemory<byte>(buffer, 0, read);
    }

    // One JSON buffer and writer per worker thread, reset for each file.
    [ThreadStatic]
    private static ArrayBufferWriter<byte>? jsonBuffer;

    [ThreadStatic]
    private static Utf8JsonWriter? jsonWriter;

    private static string RenderJson(string file, IReadOnlyList<BounceReport> reports)
    {
        var buffer = jsonBuffer ??= new ArrayBufferWriter<byte>(4096);
        buffer.ResetWrittenCount();
        var writer = jsonWriter ??= new Utf8JsonWriter(buffer, JsonOptions);
        writer.Reset(buffer);
        if (reports.Count == 0)
        {
            WriteLine(writer, buffer, file, null);
        }
        foreach (var report in reports)
        {
            WriteLine(writer, buffer, file, report);
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void WriteLine(Utf8JsonWriter writer, ArrayBufferWriter<byte> buffer, string file, BounceReport? report)
    {
        writer.WriteStartObject();
        writer.WriteString("file", file);
        writer.WriteString("recipient", report?.Recipient);
        writer.WriteString("reason", report?.Reason);
        if (report?.Hard is { } hard)
        {
            writer.WriteBoolean("hard", hard);
        }
        else
        {
            writer.WriteNull("hard");
        }
        writer.WriteString("status", report?.EnhancedStatus);
        if (report?.ReplyCode is { } code)
        {
            writer.WriteNumber("replycode", code);
        }
        else
        {
            writer.WriteNull("replycode");
        }
        writer.WriteString("diagnostic", report?.Diagnostic);
        writer.WriteString("kind", report is null ? null : report.Kind.ToString().ToLowerInvariant());
        writer.WriteString("rule", report?.Rule);
        writer.WriteEndObject();
        writer.Flush();
        buffer.Write("\n"u8);
        writer.Reset();
    }

    private static string RenderTable(string file, IReadOnlyList<BounceReport> reports)
    {
        var sb = new StringBuilder();
        if (reports.Count == 0)
        {
            sb.Append($"{Cut(file, 40),-40} {"(not a bounce)",-36}\n");
        }
        foreach (var r in reports)
        {
            var hard = r.Hard switch { true => "hard", false => "soft", null => "-" };
            sb.Append($"{Cut(file, 40),-40} {Cut(r.Recipient, 36),-36} {r.Reason,-15} {hard,-5} {r.EnhancedStatus ?? "-",-8} {r.ReplyCode?.ToString() ?? "-",-4} {Cut(r.Diagnostic ?? "", 100)}\n");
        }
        return sb.ToString();
    }

    private static string Cut(string text, int width) => text.Length <= width ? text : text[..(width - 1)] + "…";
}
