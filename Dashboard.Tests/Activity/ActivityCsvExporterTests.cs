using System.Text;
using Dashboard.Core.Activity;
using Dashboard.Core.Messages;
using Dashboard.Tests.Support;
using Microsoft.Extensions.Time.Testing;
using static Dashboard.Tests.Activity.ActivitySeed;

namespace Dashboard.Tests.Activity;

public sealed class ActivityCsvExporterTests : IDisposable
{
    private readonly TestDatabase _database = new();
    private readonly ActivityCsvExporter _exporter;

    public ActivityCsvExporterTests()
    {
        _exporter = new ActivityCsvExporter(new ActivityQueryService(_database.Factory, new FakeTimeProvider(Now)));
    }

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task ExportWritesEveryMatchingRowWithTheFullResponseQuotedSafely()
    {
        await using (var db = _database.CreateContext())
        {
            await AddAsync(db,
                Message(Now.AddMinutes(-1), MessageStatus.HardBounced, "gone@example.com", subject: "=HYPERLINK(\"http://evil\")",
                    response: "550 5.1.1 User unknown, \"quoted\"\r\nsecond line"),
                Message(Now.AddMinutes(-2), MessageStatus.Delivered, "ok@example.com", subject: "Hello, world"),
                Message(Now.AddDays(-20), MessageStatus.Delivered, "old@example.com"));
        }
        using var output = new MemoryStream();

        var rows = await _exporter.WriteAsync(ActivityFilter.Default, output);

        var csv = Encoding.UTF8.GetString(output.ToArray()).TrimStart('\uFEFF');
        Assert.Equal(2, rows);
        Assert.StartsWith("time_utc,status,recipient,sender,subject,reply_code,enhanced_status,reason,hard,response,message_id,public_id,link\r\n", csv);
        Assert.Contains("2026-11-20 11:59:00,Hard bounce,gone@example.com,news@shop.test,\"'=HYPERLINK(\"\"http://evil\"\")\",550,", csv);
        Assert.Contains("\"550 5.1.1 User unknown, \"\"quoted\"\"\r\nsecond line\"", csv);
        Assert.Contains(",\"Hello, world\",", csv);
        Assert.DoesNotContain("old@example.com", csv);
    }

    [Fact]
    public async Task ExportStreamsPastBatchBoundariesAndReportsProgress()
    {
        await using (var db = _database.CreateContext())
        {
            // 2,500 rows with many sharing one instant: the keyset must not skip or repeat ties.
            await AddAsync(db, [.. Enumerable.Range(0, 2_500).Select(i => Message(Now.AddSeconds(-(i / 7)), recipient: $"r{i}@example.com"))]);
        }
        var reported = new List<long>();
        using var output = new MemoryStream();

        var rows = await _exporter.WriteAsync(ActivityFilter.Default, output, n => { reported.Add(n); return ValueTask.CompletedTask; });

        var lines = Encoding.UTF8.GetString(output.ToArray()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2_500, rows);
        Assert.Equal(2_501, lines.Length);
        Assert.Equal(2_500, lines.Skip(1).Select(l => l.Split(',')[2]).Distinct().Count());
        Assert.Equal([1_000L, 2_000L, 2_500L], reported);
    }

    [Fact]
    public async Task AFilterCombinationExportsEveryMatchOnceNewestFirstAcrossBatchesWithTiesBrokenById()
    {
        // 3,000 messages in groups of seven sharing an instant; three in four match the filter (two
        // statuses, read as two merged index ranges, plus a domain and a sender checked row by row),
        // so the ~2,250 matches span three internal batches and their seams fall inside ties.
        var messages = Enumerable.Range(0, 3_000).Select(i => Message(Now.AddSeconds(-(i / 7)),
            i % 2 == 0 ? MessageStatus.HardBounced : MessageStatus.SoftBounced,
            recipient: i % 8 == 3 ? $"r{i}@other.test" : $"r{i}@a.test",
            sender: i % 8 == 5 ? "billing@shop.test" : "news@shop.test")).ToList();
        messages.AddRange(Enumerable.Range(0, 50).Select(i => Message(Now.AddSeconds(-i), recipient: $"ok{i}@a.test")));
        await using (var db = _database.CreateContext())
        {
            await AddAsync(db, [.. messages]);
        }
        var filter = new ActivityFilter
        {
            Range = ActivityRange.Last7Days,
            Statuses = [MessageStatus.SoftBounced, MessageStatus.HardBounced],
            RecipientDomain = "a.test",
            Sender = "news@shop.test",
        };
        var expected = messages
            .Where(m => m.Status != MessageStatus.Delivered && m.RecipientDomain == "a.test" && m.Sender == "news@shop.test")
            .OrderByDescending(m => m.CreatedAt).ThenByDescending(m => m.Id)
            .Select(m => m.PublicId).ToList();
        using var output = new MemoryStream();

        var rows = await _exporter.WriteAsync(filter, output, siteRoot: new Uri("https://dash.example/app/"));

        var lines = Encoding.UTF8.GetString(output.ToArray()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries)[1..];
        Assert.Equal(2_250, expected.Count);
        Assert.Equal(expected.Count, rows);
        Assert.Equal(expected, lines.Select(l => l.Split(',')[11]));
        Assert.All(lines, l => Assert.EndsWith($",https://dash.example/app/activity/{l.Split(',')[11]}", l));
    }

    [Fact]
    public async Task CancellingStopsTheExportAfterTheRowsAlreadyWritten()
    {
        await using (var db = _database.CreateContext())
        {
            await AddAsync(db, [.. Enumerable.Range(0, 2_500).Select(i => Message(Now.AddSeconds(-i), recipient: $"r{i}@example.com"))]);
        }
        using var cancel = new CancellationTokenSource();
        using var output = new MemoryStream();

        var export = _exporter.WriteAsync(ActivityFilter.Default, output, n => { cancel.Cancel(); return ValueTask.CompletedTask; }, cancel.Token);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => export);
        var lines = Encoding.UTF8.GetString(output.ToArray()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(1_001, lines.Length);
    }

    [Fact]
    public async Task EveryColumnIsDefusedTheFileStartsWithABomAndEachRowLinksToItsMessage()
    {
        Dashboard.Core.Messages.Message hostile;
        await using (var db = _database.CreateContext())
        {
            hostile = Message(Now.AddMinutes(-1), MessageStatus.HardBounced, "=1+2@sandbox.test", sender: "+cmd@shop.test",
                subject: "@SUM(A1)", response: "550 5.1.1 no such user").WithVerdict("userunknown", isHard: true);
            hostile.MessageIdHeader = "-2+3@shop.test";
            await AddAsync(db, hostile);
        }
        using var output = new MemoryStream();

        await _exporter.WriteAsync(ActivityFilter.Default, output, siteRoot: new Uri("https://dash.example/app/"));

        var bytes = output.ToArray();
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var row = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n")[1];
        Assert.Equal(
            "2026-11-20 11:59:00,Hard bounce,'=1+2@sandbox.test,'+cmd@shop.test,'@SUM(A1),550,,The mailbox does not exist,hard,"
            + $"550 5.1.1 no such user,'-2+3@shop.test,{hostile.PublicId},https://dash.example/app/activity/{hostile.PublicId}",
            row);
    }
}
