using System.Globalization;
using CsvHelper;
using static Dashboard.Core.Csv.CsvOutput;

namespace Dashboard.Core.Activity;

/// <summary>Writes the activity of a filter as CSV, streamed row by row from <see cref="ActivityQueryService.StreamAsync"/>.</summary>
public sealed class ActivityCsvExporter(ActivityQueryService queries)
{
    private const int ProgressEvery = 1_000;

    /// <summary>
    /// Writes every message matching <paramref name="filter"/> (newest first) to <paramref name="output"/>,
    /// flushing every <c>1,000</c> rows and reporting the running row count to <paramref name="progress"/>.
    /// Returns the number of rows written.
    /// </summary>
    public async Task<long> WriteAsync(ActivityFilter filter, Stream output, Func<long, ValueTask>? progress = null, CancellationToken cancellationToken = default)
    {
        // CsvHelper formats synchronously into a memory buffer (its async path costs several times
        // more per row); each batch is then copied to the output asynchronously, since an HTTP
        // response body refuses synchronous writes.
        using var buffer = new MemoryStream(256 * 1024);
        using var csv = CsvWriter.Create(buffer, options: null, leaveOpen: true);
        csv.WriteRecord(Header);

        long rows = 0;
        await foreach (var row in queries.StreamAsync(filter, cancellationToken))
        {
            csv.WriteRecord(
            [
                row.CreatedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
                row.Status.ToString(),
                row.Recipient,
                row.Sender,
                Defuse(row.Subject),
                row.ReplyCode?.ToString(CultureInfo.InvariantCulture) ?? "",
                row.EnhancedStatus ?? "",
                row.Reason ?? "",
                row.IsHard switch { true => "hard", false => "soft", null => "" },
                Defuse(row.Response ?? ""),
                row.MessageIdHeader ?? "",
                row.PublicId,
            ]);
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
        "response", "message_id", "public_id",
    ];
}
