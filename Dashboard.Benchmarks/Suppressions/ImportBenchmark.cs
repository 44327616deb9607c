using System.Diagnostics;
using System.Globalization;
using System.Text;
using Dashboard.Core.Data;
using Dashboard.Core.Sending;
using Dashboard.Core.Suppressions;
using Dashboard.Core.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Dashboard.Benchmarks.Suppressions;

/// <summary>
/// <c>import [--lines 100000]</c>: previews and imports a CSV of that many new addresses into a fresh
/// SQLite file (WAL, as the app runs it), then imports it again, and prints the times. Issue 13's target:
/// 100,000 lines in under a minute.
/// </summary>
internal static class ImportBenchmark
{
    public static async Task RunAsync(string[] args)
    {
        var lines = args.Length >= 2 && args[0] == "--lines" ? int.Parse(args[1], CultureInfo.InvariantCulture) : 100_000;
        var path = Path.Combine(Path.GetTempPath(), $"import-bench-{Guid.NewGuid():N}.db");
        try
        {
            var options = new DbContextOptionsBuilder<DashboardDbContext>().UseSqlite($"Data Source={path}").Options;
            await using (var db = new DashboardDbContext(options))
            {
                await db.Database.MigrateAsync();
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
            }
            var factory = new PooledDbContextFactory<DashboardDbContext>(options);
            var gate = new PipelineWriteGate();
            var sending = Options.Create(new SendingOptions());
            var rules = new SuppressionRules(sending, new SuppressionFeed(), TimeProvider.System);
            var suppressions = new SuppressionService(factory, gate, TimeProvider.System, rules, NullLogger<SuppressionService>.Instance);
            var importer = new SuppressionImporter(factory, gate, rules, TimeProvider.System, sending, NullLogger<SuppressionImporter>.Instance);
            var admin = new Actor("bench", new HashSet<string> { Roles.Admin });

            var csv = new StringBuilder("value,reason,note\n");
            for (var i = 0; i < lines; i++)
            {
                csv.Append(CultureInfo.InvariantCulture, $"reader{i}@list{i % 97}.example,{(i % 5 == 0 ? "Unsubscribe" : "")},line {i}\n");
            }
            var bytes = Encoding.UTF8.GetBytes(csv.ToString());

            var clock = Stopwatch.StartNew();
            var preview = await importer.PreviewAsync(new MemoryStream(bytes));
            var previewTime = clock.Elapsed;
            clock.Restart();
            var imported = await importer.ImportAsync(new MemoryStream(bytes), admin);
            var importTime = clock.Elapsed;
            clock.Restart();
            var again = await importer.ImportAsync(new MemoryStream(bytes), admin);
            var againTime = clock.Elapsed;

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"import: {lines:N0} lines ({bytes.Length / 1024} KB): preview {previewTime.TotalSeconds:F1} s ({preview.Added:N0} to add), "
                + $"import {importTime.TotalSeconds:F1} s ({imported.Added:N0} added, {lines / importTime.TotalSeconds:N0} lines/s), "
                + $"re-import {againTime.TotalSeconds:F1} s ({again.Added:N0} added, {again.AlreadySuppressed:N0} already suppressed)"));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var file in new[] { path, path + "-wal", path + "-shm" })
            {
                File.Delete(file);
            }
        }
    }
}
