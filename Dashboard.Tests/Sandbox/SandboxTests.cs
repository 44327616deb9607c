using Dashboard.Core.Messages;
using Dashboard.Core.Sandbox;
using Dashboard.Core.Sending;
using Dashboard.Core.Users;
using Dashboard.Tests.Support;

namespace Dashboard.Tests.Sandbox;

public sealed class SandboxTests : IAsyncLifetime
{
    private PipelineHarness _pipeline = null!;
    private SandboxServer _server = null!;

    public Task InitializeAsync()
    {
        _pipeline = SandboxHarness.Create(out _server);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _pipeline.DisposeAsync();
        await _server.DisposeAsync();
    }

    public static TheoryData<string> Examples => [.. SandboxAddresses.All.Select(a => a.Example.Replace("*", "someone"))];

    [Theory]
    [MemberData(nameof(Examples))]
    public async Task EveryAddressInTheTableGetsItsScriptedAnswerThroughThePipeline(string address)
    {
        var row = SandboxAddresses.For(address);

        var result = await _pipeline.Send.SendAsync(new SendRequest("news@shop.example", [address], "Hello", "Hi", null), Actor.Demo);

        var outcome = Assert.Single(result.Recipients);
        switch (row.Phase)
        {
            case SandboxPhase.Accept:
                Assert.Equal(MessageStatus.Delivered, outcome.Status);
                Assert.StartsWith("250 2.0.0 OK: queued as ", outcome.Response);
                break;
            case SandboxPhase.Recipient or SandboxPhase.Data:
                Assert.NotEqual(MessageStatus.Delivered, outcome.Status);
                Assert.Equal(row.ReplyCode, outcome.ReplyCode);
                // Verbatim, without the SmtpServer library's ", N retry(ies) remaining." suffix.
                Assert.Equal($"{row.ReplyCode} {row.ReplyFor(address)}", outcome.Response);
                break;
            case SandboxPhase.DnsFailure:
                Assert.Null(outcome.ReplyCode);
                Assert.StartsWith("Host not found", outcome.Response);
                break;
            case SandboxPhase.HostDown:
                Assert.Null(outcome.ReplyCode);
                Assert.StartsWith("Connection refused", outcome.Response);
                break;
        }
    }

    [Fact]
    public async Task ATagInTheLocalPartKeepsTheBehaviourSoTheDemoCanUseFreshAddresses()
    {
        var result = await _pipeline.Send.SendAsync(new SendRequest("news@shop.example", ["unknown+42@gmail.test"], "Hello", "Hi", null), Actor.Demo);

        Assert.Equal(550, Assert.Single(result.Recipients).ReplyCode);
    }

    [Fact]
    public async Task OneMessageToEveryKindOfAddressGetsEachItsOwnAnswer()
    {
        var addresses = SandboxAddresses.All.Where(a => a.Phase != SandboxPhase.Data).Select(a => a.Example.Replace("*", "someone")).ToList();

        var result = await _pipeline.Send.SendAsync(new SendRequest("news@shop.example", addresses, "Hello", "Hi", null), Actor.Demo);

        Assert.Equal(addresses.Count, result.Recipients.Count);
        Assert.Equal(MessageStatus.Delivered, result.Recipients.Single(r => r.Recipient == "anyone@sandbox.test").Status);
        var refusing = SandboxAddresses.All.Count(a => a.Phase is not (SandboxPhase.Accept or SandboxPhase.Data));
        Assert.Equal(refusing, result.Recipients.Count(r => r.Status != MessageStatus.Delivered));
    }

    [Fact]
    public void TheReadmeListsExactlyTheAddressesInTheTable()
    {
        var readme = File.ReadAllText(FindReadme());

        Assert.Contains("## Sandbox addresses", readme);
        Assert.Contains(SandboxAddresses.ToMarkdown(), readme.ReplaceLineEndings("\n"));
    }

    private static string FindReadme()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "README.md");
            if (File.Exists(candidate) && File.Exists(Path.Combine(dir.FullName, "Dashboard.sln")))
            {
                return candidate;
            }
        }
        throw new FileNotFoundException("README.md next to Dashboard.sln");
    }
}
