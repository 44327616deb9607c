using System.Globalization;
using CsvHelper;
using Dashboard.Core.Data;
using Dashboard.Core.Sending;
using Dashboard.Core.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dashboard.Core.Suppressions;

/// <summary>
/// Reads a CSV of addresses and domains (a <c>value</c> column, optional <c>reason</c> and <c>note</c>;
/// the Suppressions export re-imports as it is) and adds them to the suppression list. Every data
/// line gets a line in the report; importing the same file again adds nothing.
/// </summary>
public sealed class SuppressionImporter(
    IDbContextFactory<DashboardDbContext> dbFactory,
    PipelineWriteGate writeGate,
    SuppressionRules suppressions,
    TimeProvider time,
    IOptions<SendingOptions> options,
    ILogger<SuppressionImporter> logger)
{
    /// <summary>Data lines a file may have.</summary>
    public const int MaxLines = 200_000;

    private const int BatchSize = 5_000;

    private static readonly string[] ValueColumns = ["value", "address", "email", "email_address", "domain"];

    /// <summary>What importing <paramref name="csv"/> would do, line by line, without changing anything.</summary>
    /// <exception cref="SuppressionImportException">The file is not a CSV this importer can read.</exception>
    public async Task<SuppressionImportReport> PreviewAsync(Stream csv, CancellationToken cancellationToken = default)
    {
        var lines = Read(csv);
        await MarkExistingAsync(lines, cancellationToken);
        return new SuppressionImportReport(lines);
    }

    /// <summary>
    /// Adds a suppression for every new line of <paramref name="csv"/>, in batches (the sending pipeline
    /// waits for one batch at most), reporting the lines done to <paramref name="progress"/>. Admins only.
    /// </summary>
    /// <exception cref="ForbiddenException">The actor is not an admin.</exception>
    /// <exception cref="SuppressionImportException">The file is not a CSV this importer can read.</exception>
    public async Task<SuppressionImportReport> ImportAsync(Stream csv, Actor actor, IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        actor.RequireAdmin("import suppressions");
        var lines = Read(csv);
        await MarkExistingAsync(lines, cancellationToken);
        var toAdd = lines.Where(l => l.Outcome == ImportLineOutcome.Added).ToList();
        var done = lines.Count - toAdd.Count;
        progress?.Report(done);
        var hardDuration = TimeSpan.FromDays(options.Value.HardBounceSuppressionDays);
        for (var start = 0; start < toAdd.Count; start += BatchSize)
        {
            var batch = toAdd.Skip(start).Take(BatchSize).ToList();
            using (await writeGate.EnterAsync(cancellationToken))
            {
                await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
                db.ChangeTracker.AutoDetectChangesEnabled = false;
                var now = time.GetUtcNow();
                await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                foreach (var line in batch)
                {
                    var (value, scope) = SuppressionValue.Normalize(line.Value);
                    var note = string.IsNullOrWhiteSpace(line.Note) ? $"Imported by {actor.Name}" : line.Note;
                    var suppression = new Suppression
                    {
                        Value = value,
                        Scope = scope,
                        Reason = line.Reason,
                        CreatedAt = now,
                        // Bounce reasons keep their usual lifetime; the rest stay until removed.
                        ExpiresAt = line.Reason is SuppressionReason.HardBounce or SuppressionReason.SoftBounceStreak ? now + hardDuration : null,
                        Note = note,
                        CreatedBy = actor.Name,
                    };
                    db.Suppressions.Add(suppression);
                    db.SuppressionHistory.Add(SuppressionRules.History(suppression, SuppressionHistoryAction.Added, now, actor.Name, "Imported from CSV: " + note));
                }
                db.ChangeTracker.DetectChanges();
                await suppressions.SaveAndAnnounceAsync(db, cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }
            done += batch.Count;
            progress?.Report(done);
        }
        logger.LogInformation("{Actor} imported {Added} suppression(s) from CSV ({Lines} lines)", actor.Name, toAdd.Count, lines.Count);
        return new SuppressionImportReport(lines);
    }

    private static List<SuppressionImportLine> Read(Stream csv)
    {
        var lines = new List<SuppressionImportLine>();
        // Every line counts (an empty one is reported, not skipped); a broken quote is read as far as it goes.
        var options = new CsvReaderOptions
        {
            HasHeader = false,
            TrackLineNumbers = true,
            SkipEmptyLines = false,
            MalformedData = CsvMalformedDataHandling.Recover,
            FieldCountMismatch = CsvFieldCountHandling.Allow,
            FormatProvider = CultureInfo.InvariantCulture,
        };
        using var parser = CsvReader.Create(csv, options, true);
        int valueColumn = 0, reasonColumn = -1, noteColumn = -1, activeColumn = -1;
        var first = true;
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        while (parser.Read())
        {
            var row = new string[parser.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = parser.GetString(i);
            }
            var lineNumber = (int)parser.LineNumber;
            if (first)
            {
                first = false;
                var names = row.Select(c => c.Trim().ToLowerInvariant()).ToList();
                var at = names.FindIndex(n => ValueColumns.Contains(n));
                if (at >= 0)
                {
                    valueColumn = at;
                    reasonColumn = names.IndexOf("reason");
                    noteColumn = names.IndexOf("note");
                    activeColumn = names.IndexOf("active");
                    continue;
                }
                if (row.Length > 0 && !row[0].Contains('@') && !row[0].Contains('.'))
                {
                    throw new SuppressionImportException($"The first line names no column called {string.Join(", ", ValueColumns)}, and is not an address either: \"{Shorten(string.Join(",", row))}\".");
                }
            }
            if (lines.Count >= MaxLines)
            {
                throw new SuppressionImportException($"The file has more than {MaxLines:N0} lines: split it and import the parts one after another.");
            }
            if (row.All(string.IsNullOrWhiteSpace))
            {
                lines.Add(new SuppressionImportLine(lineNumber, "", SuppressionReason.Manual, ImportLineOutcome.Invalid, "The line is empty."));
                continue;
            }
            var raw = Cell(row, valueColumn);
            var (value, scope) = SuppressionValue.Normalize(raw);
            if (!SuppressionValue.IsValid(value, scope))
            {
                lines.Add(new SuppressionImportLine(lineNumber, Shorten(raw), SuppressionReason.Manual, ImportLineOutcome.Invalid,
                    $"\"{Shorten(raw)}\" is neither an email address nor a domain."));
                continue;
            }
            var reasonText = Cell(row, reasonColumn);
            if (!TryReason(reasonText, out var reason))
            {
                lines.Add(new SuppressionImportLine(lineNumber, value, SuppressionReason.Manual, ImportLineOutcome.Invalid,
                    $"Unknown reason \"{Shorten(reasonText)}\": use {string.Join(", ", Enum.GetNames<SuppressionReason>())} or leave it empty (Manual)."));
                continue;
            }
            if (Cell(row, activeColumn).Equals("no", StringComparison.OrdinalIgnoreCase))
            {
                lines.Add(new SuppressionImportLine(lineNumber, value, reason, ImportLineOutcome.Invalid,
                    "The line says the suppression was removed or has expired (active = no): not imported."));
                continue;
            }
            var key = value + "|" + reason;
            if (seen.TryGetValue(key, out var earlier))
            {
                lines.Add(new SuppressionImportLine(lineNumber, value, reason, ImportLineOutcome.Duplicate, $"Same as line {earlier}."));
                continue;
            }
            seen[key] = lineNumber;
            var note = Cell(row, noteColumn);
            lines.Add(new SuppressionImportLine(lineNumber, value, reason, ImportLineOutcome.Added, null,
                note.Length == 0 ? null : note.Length > 2000 ? note[..2000] : note));
        }
        return lines;
    }

    // Marks the lines whose value is already suppressed now for the same reason.
    private async Task MarkExistingAsync(List<SuppressionImportLine> lines, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow();
        var active = await db.Suppressions.AsNoTracking()
            .Where(Suppression.ActiveAt(now))
            .Select(s => new { s.Value, s.Reason })
            .ToListAsync(cancellationToken);
        var existing = active.Select(a => a.Value + "|" + a.Reason).ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            if (line.Outcome == ImportLineOutcome.Added && existing.Contains(line.Value + "|" + line.Reason))
            {
                lines[i] = line with { Outcome = ImportLineOutcome.AlreadySuppressed, Message = "Already suppressed for this reason." };
            }
        }
    }

    private static bool TryReason(string text, out SuppressionReason reason)
    {
        reason = SuppressionReason.Manual;
        if (text.Length == 0)
        {
            return true;
        }
        var compact = text.Replace(" ", "").Replace("_", "").Replace("-", "");
        if (compact.Equals("complaint", StringComparison.OrdinalIgnoreCase) || compact.Equals("spam", StringComparison.OrdinalIgnoreCase))
        {
            reason = SuppressionReason.SpamComplaint;
            return true;
        }
        if (compact.Equals("unsubscribed", StringComparison.OrdinalIgnoreCase))
        {
            reason = SuppressionReason.Unsubscribe;
            return true;
        }
        return EnumNames.TryParse(compact, out reason);
    }

    private static string Cell(string[] row, int column) => column >= 0 && column < row.Length ? row[column].Trim() : "";

    private static string Shorten(string text) => text.Length > 80 ? text[..80] + "…" : text;
}

/// <summary>The file as a whole cannot be imported (no value column, too many lines).</summary>
public sealed class SuppressionImportException(string message) : Exception(message);
