using System.Text;
using CsvHelper;
using Dashboard.Core.Classification;
using Dashboard.Core.Messages;
using static Dashboard.Core.Csv.CsvOutput;

namespace Dashboard.Core.Activity;

/// <summary>Writes the activity of a filter as CSV, streamed row by row from <see cref="ActivityQueryService.StreamAsync"/>.</summary>
public sealed class ActivityCsvExporter(ActivityQueryService queries)
{
    private const int ProgressEvery = 1_000;
    private const string TimeFormat = "yyyy-MM-dd HH:mm:ss";

    /// <summary>
    /// Writes every message matching <paramref name="filter"/> (newest first) to <paramref name="output"/>,
    /// flushing every <c>1,000</c> rows and reporting the running row count to <paramref name="progress"/>.
    /// The file starts with a UTF-8 byte order mark (so spreadsheets read it as UTF-8); values are words
    /// ("Hard bounce", "The mailbox does not exist"), times UTC, and the last column links to the message
    /// under <paramref name="siteRoot"/> (the app's root URL) when it is given. Returns the number of rows written.
    /// </summary>
    public async Task<long> WriteAsync(ActivityFilter filter, Stream output, Func<long, ValueTask>? progress = null,
        CancellationToken cancellationToken = default, Uri? siteRoot = null)
    {
        await output.WriteAsync(Encoding.UTF8.Preamble.ToArray(), cancellationToken);
        // CsvHelper formats synchronously into a memory buffer (its async path costs several times
        // more per row); each batch is then copied to the output asynchronously, since an HTTP
        // response body refuses synchronous writes.
        using var buffer = new MemoryStream(256 * 1024);
        using var csv = CsvWriter.Create(buffer, options: null, leaveOpen: true);
        csv.WriteRecord(Header);

        // The link differs per row only in its last segment: resolve "activity/" under the root once
        // (a Uri built and printed per row was up to a third of the export).
        var linkPrefix = siteRoot is null ? null : new Uri(siteRoot, "activity/").AbsoluteUri;

        long rows = 0;
        await foreach (var row in queries.StreamAsync(filter, cancellationToken))
        {
            // Field by field: no array, and numbers and times are formatted straight into the buffer.
            csv.WriteField(row.CreatedAt.UtcDateTime, TimeFormat);
            csv.WriteField(MessageStatuses.Label(row.Status));
            csv.WriteField(Defuse(row.Recipient));
            csv.WriteField(Defuse(row.Sender));
            csv.WriteField(Defuse(row.Subject));
            csv.WriteField(row.ReplyCode, default);
            csv.WriteField(Defuse(row.EnhancedStatus ?? ""));
            csv.WriteField(Defuse(Reasons.Describe(row.Reason)));
            csv.WriteField(row.IsHard switch { true => "hard", false => "soft", null => "" });
            csv.WriteField(Defuse(row.Response ?? ""));
            csv.WriteField(Defuse(row.MessageIdHeader ?? ""));
            csv.WriteField(Defuse(row.PublicId));
            csv.WriteField(linkPrefix is null ? "" : linkPrefix + Uri.EscapeDataString(row.PublicId));
            csv.EndRecord();
            rows++;
            if (rows % ProgressEvery == 0)
            {
                await DrainAsync(csv, buffer, output, cancellationToken);
                if (progress is not null) await progress(rows);
            }
        }
        await DrainAsync(csv, buffer, output, cancellationToken);
        if (progress is not null) await progress(rows);
        return rows;
    }

    private static readonly string[] Header =
    [
        "time_utc", "status", "recipient", "sender", "subject", "reply_code", "enhanced_status", "reason", "hard",
        "response", "message_id", "public_id", "link",
    ];
}
