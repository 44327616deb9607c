using System.Text;
using Dashboard.Core.Data;
using Dashboard.Core.Sending;
using Dashboard.Core.Suppressions;
using Dashboard.Core.Users;
using Dashboard.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Tests.Suppressions;

public sealed class SuppressionImportExportTests : IDisposable
{
    private static readonly Actor Admin = new("ada", new HashSet<string> { Roles.Admin });
    private static readonly Actor Marketer = new("mark", new HashSet<string> { Roles.Marketer });

    private readonly TestDatabase _database = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
    private readonly PipelineWriteGate _gate = new();
    private readonly SuppressionService _suppressions;
    private readonly SuppressionImporter _importer;
    private readonly SuppressionCsvExporter _exporter;

    public SuppressionImportExportTests()
    {
        var options = Options.Create(new SendingOptions());
        var rules = new SuppressionRules(options, new SuppressionFeed(), _clock);
        _suppressions = new SuppressionService(_database.Factory, _gate, _clock, rules, NullLogger<SuppressionService>.Instance);
        _importer = new SuppressionImporter(_database.Factory, _gate, rules, _clock, options, NullLogger<SuppressionImporter>.Instance);
        _exporter = new SuppressionCsvExporter(_database.Factory, _clock);
    }

    public void Dispose() => _database.Dispose();

    private static MemoryStream Csv(string text) => new(Encoding.UTF8.GetBytes(text));

    private const string File = """
        value,reason,note
        One@Example.com,unsubscribe,asked by phone
        @blocked.example,,
        not an address,,
        one@example.com,Unsubscribe,again

        two@example.com,BogusReason,
        three@example.com,complaint,from the ESP we left
        """;

    [Fact]
    public async Task PreviewReportsEveryLineAndChangesNothing()
    {
        var report = await _importer.PreviewAsync(Csv(File));

        Assert.Equal([2, 3, 4, 5, 6, 7, 8], report.Lines.Select(l => l.Line));
        Assert.Equal(
            [ImportLineOutcome.Added, ImportLineOutcome.Added, ImportLineOutcome.Invalid, ImportLineOutcome.Duplicate,
             ImportLineOutcome.Invalid, ImportLineOutcome.Invalid, ImportLineOutcome.Added],
            report.Lines.Select(l => l.Outcome));
        Assert.Equal("one@example.com", report.Lines[0].Value);
        Assert.Equal(SuppressionReason.Unsubscribe, report.Lines[0].Reason);
        Assert.Equal("blocked.example", report.Lines[1].Value);
        Assert.Contains("neither an email address nor a domain", report.Lines[2].Message);
        Assert.Equal("Same as line 2.", report.Lines[3].Message);
        Assert.Contains("empty", report.Lines[4].Message);
        Assert.Contains("Unknown reason", report.Lines[5].Message);
        Assert.Equal(SuppressionReason.SpamComplaint, report.Lines[6].Reason);
        Assert.False(await _suppressions.IsSuppressedAsync("one@example.com"));
    }

    [Fact]
    public async Task ImportAddsTheNewLinesWithHistoryAndReimportAddsNothing()
    {
        var progress = new List<int>();

        var first = await _importer.ImportAsync(Csv(File), Admin, new SyncProgress(progress.Add));
        var again = await _importer.ImportAsync(Csv(File), Admin);

        Assert.Equal(3, first.Added);
        Assert.Equal(7, progress[^1]);
        Assert.True(await _suppressions.IsSuppressedAsync("one@example.com"));
        Assert.True(await _suppressions.IsSuppressedAsync("anyone@blocked.example"));
        var one = await _suppressions.FindActiveAsync("one@example.com");
        Assert.Equal(SuppressionReason.Unsubscribe, one!.Reason);
        Assert.Equal("asked by phone", one.Note);
        Assert.Equal("ada", one.CreatedBy);
        Assert.Null(one.ExpiresAt);
        var history = await _suppressions.HistoryAsync("one@example.com");
        Assert.StartsWith("Imported from CSV", Assert.Single(history.Items).Note);
        Assert.Equal(0, again.Added);
        Assert.Equal(3, again.AlreadySuppressed);
        Assert.Equal(3, (await _suppressions.ListAsync(new SuppressionListQuery())).TotalCount);
    }

    [Fact]
    public async Task OnlyAdminsImport()
    {
        await Assert.ThrowsAsync<ForbiddenException>(() => _importer.ImportAsync(Csv(File), Marketer));

        Assert.Equal(0, (await _suppressions.ListAsync(new SuppressionListQuery())).TotalCount);
    }

    [Fact]
    public async Task AFileWithoutAValueColumnIsRefusedAsAWhole()
    {
        var error = await Assert.ThrowsAsync<SuppressionImportException>(() => _importer.PreviewAsync(Csv("name,comment\nAda,hi\n")));

        Assert.Contains("value", error.Message);
    }

    [Fact]
    public async Task AFileOfBareAddressesNeedsNoHeader()
    {
        var report = await _importer.ImportAsync(Csv("a@example.com\nb@example.com\n"), Admin);

        Assert.Equal(2, report.Added);
        Assert.True(await _suppressions.IsSuppressedAsync("b@example.com"));
    }

    [Fact]
    public async Task ExportOfTheFilterReimportsAsItIsOnAnEmptyList()
    {
        await _suppressions.AddAsync(new AddSuppressionRequest("keep@example.com", SuppressionReason.Unsubscribe, "=cmd|' /C calc'!A0"), Admin);
        await _suppressions.AddAsync(new AddSuppressionRequest("other@example.org"), Admin);
        var output = new MemoryStream();

        var rows = await _exporter.WriteAsync(new SuppressionListQuery(Search: "example.com"), output);
        var csv = Encoding.UTF8.GetString(output.ToArray());
        using var fresh = new TestDatabase();
        var freshGate = new PipelineWriteGate();
        var freshRules = new SuppressionRules(Options.Create(new SendingOptions()), new SuppressionFeed(), _clock);
        var freshSuppressions = new SuppressionService(fresh.Factory, freshGate, _clock, freshRules, NullLogger<SuppressionService>.Instance);
        var freshImporter = new SuppressionImporter(fresh.Factory, freshGate, freshRules, _clock, Options.Create(new SendingOptions()), NullLogger<SuppressionImporter>.Instance);
        var report = await freshImporter.ImportAsync(Csv(csv), Admin);

        Assert.Equal(1, rows);
        Assert.StartsWith("value,scope,reason,created_utc,expires_utc,created_by,note,active", csv);
        Assert.Contains("keep@example.com,Address,Unsubscribe", csv);
        Assert.DoesNotContain("other@example.org", csv);
        // A formula in a note is defused for spreadsheets.
        Assert.Contains("'=cmd", csv);
        Assert.Equal(1, report.Added);
        Assert.Equal(SuppressionReason.Unsubscribe, (await freshSuppressions.FindActiveAsync("keep@example.com"))!.Reason);
    }

    private sealed class SyncProgress(Action<int> report) : IProgress<int>
    {
        public void Report(int value) => report(value);
    }
}
