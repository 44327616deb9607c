using Dashboard.Core.Sandbox;
using Dashboard.Core.Sending;
using Dashboard.Core.Users;
using Dashboard.Tests.Support;

namespace Dashboard.Tests.Sandbox;

/// <summary>The README's "the dashboard shows" column is what the classifier really makes of each sandbox reply.</summary>
public sealed class SandboxVerdictTests : IAsyncLifetime
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

    public static TheoryData<string> Refusing =>
        [.. SandboxAddresses.All.Where(a => a.Phase != SandboxPhase.Accept).Select(a => a.Example.Replace("*", "someone"))];

    [Theory]
    [MemberData(nameof(Refusing))]
    public async Task TheClassifierAgreesWithWhatTheTableSaysTheDashboardShows(string address)
    {
        var row = SandboxAddresses.For(address);

        var outcome = Assert.Single((await _pipeline.Send.SendAsync(new SendRequest("news@shop.example", [address], "Hello", "Hi", null), Actor.Demo)).Recipients);

        var kind = outcome.Status == Core.Messages.MessageStatus.HardBounced ? "hard bounce" : "soft bounce";
        // A known gap states what the classifier says today; once it reads the wording as intended this
        // fails, and the note (and the README's mention of it) should go.
        Assert.StartsWith($"{kind}, {outcome.Reason}", row.ClassifierToday ?? row.Shows);
    }
}
