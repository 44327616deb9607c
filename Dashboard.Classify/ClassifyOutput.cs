using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Dashboard.Core.Bounces;

namespace Dashboard.Classify;

/// <summary>
/// How a file's reports are printed: one JSON object per (file, recipient) line, or a table row.
/// A file that is not a bounce still gets one line, with nulls (JSON) or "(not a bounce)".
/// </summary>
internal static class ClassifyOutput
{
    private static readonly JsonWriterOptions JsonOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = true,
    };

    /// <summary>The table's heading line (JSON output has none).</summary>
    public static string TableHeader =>
        $"{"file",-40} {"recipient",-36} {"reason",-15} {"hard",-5} {"status",-8} {"code",-4} diagnostic";

    /// <summary>The lines for one file, each ending in a newline.</summary>
    public static string Render(string file, IReadOnlyList<BounceReport> reports, bool json) =>
        json ? RenderJson(file, reports) : RenderTable(file, reports);

    // One JSON buffer and writer per thread, reset for each file.
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
