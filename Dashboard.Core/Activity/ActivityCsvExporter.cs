using System.Globalization;
using CsvHelper;

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
        await using var csv = CsvWriter.Create(output, options: null, leaveOpen: true);
        await csv.WriteRecordAsync(
        [
            "time_utc", "status", "recipient", "sender", "subject", "reply_code", "enhanced_status", "reason", "hard",
            "response", "message_id", "public_id",
        ], cancellationToken);

        long rows = 0;
        await foreach (var row in queries.StreamAsync(filter, cancellationToken))
        {
            await csv.WriteRecordAsync(
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
            ], cancellationToken);
            rows++;
            if (rows % ProgressEvery == 0)
            {
                // Push the rows out so a streamed HTTP response moves as the export runs.
                await csv.FlushAsync(cancellationToken);
                if (progress is not null) await progress(rows);
            }
        }
        await csv.FlushAsync(cancellationToken);
        if (progress is not null) await progress(rows);
        return rows;
    }

    // Subjects and server replies come from outside; a leading =, +, - or @ would run as a formula
    // when the file is opened in a spreadsheet (CSV injection), so such cells get a quote mark.
    private static string Defuse(string value) =>
        value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + value : value;
}
