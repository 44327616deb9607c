using System.Text.Json;
using Dashboard.Classify;
using Dashboard.Tests.Bounces;

namespace Dashboard.Tests.Classify;

public class ClassifyCommandTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("classify-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public async Task JsonOutputHasOneLinePerFileAndRecipient()
    {
        Directory.CreateDirectory(Path.Combine(folder, "sub"));
        await File.WriteAllTextAsync(Path.Combine(folder, "sub", "dsn.eml"), BounceFixtures.Rfc3464);
        await File.WriteAllTextAsync(Path.Combine(folder, "plain.eml"), BounceFixtures.NotABounce);
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        var exit = await ClassifyCommand.RunAsync(["--json", folder], stdout, stderr);

        Assert.Equal(0, exit);
        var lines = stdout.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(3, lines.Count);
        var plain = Assert.Single(lines, l => l.GetProperty("file").GetString() == "plain.eml");
        Assert.Equal(JsonValueKind.Null, plain.GetProperty("recipient").ValueKind);
        Assert.Equal(JsonValueKind.Null, plain.GetProperty("hard").ValueKind);
        var ghost = Assert.Single(lines, l => l.GetProperty("recipient").GetString() == "ghost@example.org");
        Assert.Equal("sub/dsn.eml", ghost.GetProperty("file").GetString());
        Assert.Equal("userunknown", ghost.GetProperty("reason").GetString());
        Assert.True(ghost.GetProperty("hard").GetBoolean());
        Assert.Equal("5.1.1", ghost.GetProperty("status").GetString());
        Assert.Equal(550, ghost.GetProperty("replycode").GetInt32());
        Assert.Contains("User unknown", ghost.GetProperty("diagnostic").GetString());
        Assert.Contains("messages/s", stderr.ToString());
    }

    [Fact]
    public async Task FileArgumentKeepsItsPathAndRepeatRunsAgain()
    {
        var file = Path.Combine(folder, "exim.eml");
        await File.WriteAllTextAsync(file, BounceFixtures.Exim);
        var stdout = new StringWriter();

        var exit = await ClassifyCommand.RunAsync(["--json", "--repeat", "3", file], stdout, new StringWriter());

        Assert.Equal(0, exit);
        var lines = stdout.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.All(lines, l => Assert.Equal(file, JsonDocument.Parse(l).RootElement.GetProperty("file").GetString()));
    }

    [Fact]
    public async Task ManyFilesComeOutInInputOrderWhateverThreadParsedThem()
    {
        // Files are parsed in blocks on several threads; the output must still follow the sorted
        // input, block after block, across repeats. Mixed kinds make parse times uneven.
        string[] kinds = [BounceFixtures.Rfc3464, BounceFixtures.NotABounce, BounceFixtures.Exim, BounceFixtures.Qmail];
        var names = Enumerable.Range(0, 301).Select(i => $"m{i:D4}.eml").ToList();
        for (var i = 0; i < names.Count; i++)
        {
            await File.WriteAllTextAsync(Path.Combine(folder, names[i]), kinds[i % kinds.Length]);
        }
        var stdout = new StringWriter();

        var exit = await ClassifyCommand.RunAsync(["--json", "--repeat", "2", folder], stdout, new StringWriter());

        Assert.Equal(0, exit);
        var files = stdout.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => JsonDocument.Parse(l).RootElement.GetProperty("file").GetString())
            .ToList();
        // A file gives one line per recipient, and those lines stay together.
        var order = files.Where((file, i) => i == 0 || file != files[i - 1]).ToList();
        Assert.Equal([.. names, .. names], order);
    }

    [Fact]
    public void WarmUpSamplesTakeTheDsnAndTheProsePaths()
    {
        // The warm-up only helps if its samples go the way real bounces go: a DSN read from its
        // delivery-status fields and a prose bounce read from its text, both classified.
        var reports = ClassifyWarmUp.Run();

        Assert.Collection(reports,
            dsn =>
            {
                Assert.Equal("nobody@example.org", dsn.Recipient);
                Assert.Equal("userunknown", dsn.Reason);
                Assert.Equal("5.1.1", dsn.EnhancedStatus);
            },
            prose =>
            {
                Assert.Equal("full@example.org", prose.Recipient);
                Assert.Equal("mailboxfull", prose.Reason);
                Assert.Equal(452, prose.ReplyCode);
            });
    }

    [Fact]
    public async Task TableOutputIsReadable()
    {
        await File.WriteAllTextAsync(Path.Combine(folder, "q.eml"), BounceFixtures.Qmail);
        var stdout = new StringWriter();

        await ClassifyCommand.RunAsync([folder], stdout, new StringWriter());

        var text = stdout.ToString();
        Assert.Contains("recipient", text);
        Assert.Contains("nope@example.net", text);
        Assert.Contains("userunknown", text);
        Assert.Contains("hard", text);
    }

    [Fact]
    public async Task MissingPathIsAClearError()
    {
        var stderr = new StringWriter();

        var exit = await ClassifyCommand.RunAsync(["--json", Path.Combine(folder, "nope")], new StringWriter(), stderr);

        Assert.Equal(2, exit);
        Assert.Contains("no such file or folder", stderr.ToString());
    }
}
