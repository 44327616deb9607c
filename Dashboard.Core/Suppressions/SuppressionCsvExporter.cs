using System.Globalization;
using CsvHelper;
using static Dashboard.Core.Csv.CsvOutput;
using Dashboard.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Suppressions;

/// <summary>
/// Writes the suppressions of a filter (the Suppressions page's search, reason and active switch) as
/// CSV, streamed: rows leave in batches as the query reads them. The file re-imports as it is.
/// </summary>
public sealed class SuppressionCsvExporter(IDbContextFactory<DashboardDbContext> dbFactory, TimeProvider time)
{
    private const int FlushEvery = 1_000;

    /// <summary>The columns, in order; <see cref="SuppressionImporter"/> reads value, reason and note.</summary>
    public static readonly string[] Header = ["value", "scope", "reason", "created_utc", "expires_utc", "created_by", "note", "active"];

    /// <summary>Writes every suppression matching <paramref name="query"/> (its paging ignored), newest first. Returns the row count.</summary>
    public async Task<long> WriteAsync(SuppressionListQuery query, Stream output, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow();
        var rows = SuppressionService.Filter(db.Suppressions.AsNoTracking(), query, now);

        // CsvHelper formats into a buffer synchronously; each batch goes to the (async-only) output.
        using var buffer = new MemoryStream(128 * 1024);
        using var csv = CsvWriter.Create(buffer, options: null, leaveOpen: true);
        csv.WriteRecord(Header);
        long count = 0;
        await foreach (var s in rows.OrderByDescending(s => s.CreatedAt).ThenByDescending(s => s.Id).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            csv.WriteRecord(
            [
                s.Value,
                s.Scope.ToString(),
                s.Reason.ToString(),
                s.CreatedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
                s.ExpiresAt?.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) ?? "",
                s.CreatedBy ?? "",
                Defuse(s.Note ?? ""),
                s.IsActiveAt(now) ? "yes" : "no",
            ]);
            if (++count % FlushEvery == 0)
            {
                await DrainAsync(csv, buffer, output, cancellationToken);
            }
        }
        await DrainAsync(csv, buffer, output, cancellationToken);
        return count;
    }
}
