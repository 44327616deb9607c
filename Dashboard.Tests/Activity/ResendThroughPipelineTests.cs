using Dashboard.Core.Activity;
using Dashboard.Core.Messages;
using Dashboard.Core.Sending;
using Dashboard.Core.Users;
using Dashboard.Tests.Support;

namespace Dashboard.Tests.Activity;

public sealed class ResendThroughPipelineTests : IAsyncLifetime
{
    private static readonly Actor Alice = new("alice", new HashSet<string> { Roles.Marketer });

    private readonly LoopbackSmtpServer _server = new();
    private PipelineHarness _pipeline = null!;
    private ActivityQueryService _queries = null!;
    private MessageResender _resender = null!;

    public Task InitializeAsync()
    {
        _pipeline = new PipelineHarness(PipelineHarness.Smarthost(_server.Port));
        _queries = new ActivityQueryService(_pipeline.Database.Factory, _pipeline.Clock);
        _resender = new MessageResender(_pipeline.Database.Factory, _pipeline.Send, _pipeline.Ledger, _queries, _pipeline.Clock);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _pipeline.DisposeAsync();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task ResendAfterTheCauseIsFixedDeliversANewMessageLinkedBothWays()
    {
        _server.OnRecipient = _ => LoopbackSmtpServer.Reply(452, "4.2.2 The email account that you tried to reach is over quota.");
        var first = (await _pipeline.Send.SendAsync(new SendRequest("news@shop.example", ["full@example.com"], "March offers", "Hello there.", "<p>Hello there.</p>"), Alice)).Recipients.Single();
        _server.OnRecipient = _ => null;
        _pipeline.Clock.Advance(TimeSpan.FromHours(1));

        var resent = (await _resender.ResendAsync(first.PublicId, Alice)).Recipients.Single();

        var original = await _queries.GetDetailAsync(first.PublicId);
        var repeat = await _queries.GetDetailAsync(resent.PublicId);
        Assert.Equal(MessageStatus.SoftBounced, original!.Status);
        Assert.Equal(MessageStatus.Delivered, repeat!.Status);
        Assert.Equal(MessageSource.Resend, repeat.Source);
        Assert.Equal("alice", repeat.SubmittedBy);
        Assert.Equal(first.PublicId, repeat.ResendOf?.PublicId);
        Assert.Equal([resent.PublicId], original.ResentAs.Select(l => l.PublicId));
        Assert.Contains(original.Events, e => e.Type == MessageEventType.Resent && e.Detail!.Contains(resent.PublicId) && e.Actor == "alice");
        Assert.Single(_server.Received);
        Assert.Contains("Hello there.", System.Text.Encoding.UTF8.GetString(_server.Received.Last().Raw));
    }

    [Fact]
    public async Task ResendToASuppressedAddressIsRejectedAndItsTimelineNamesTheSuppression()
    {
        _server.OnRecipient = _ => LoopbackSmtpServer.Reply(550, "5.1.1 The email account that you tried to reach does not exist.");
        var first = (await _pipeline.Send.SendAsync(new SendRequest("news@shop.example", ["gone@example.com"], "March offers", "Hello there.", null), Alice)).Recipients.Single();

        var resent = (await _resender.ResendAsync(first.PublicId, Alice)).Recipients.Single();

        var repeat = await _queries.GetDetailAsync(resent.PublicId);
        Assert.Equal(MessageStatus.Rejected, repeat!.Status);
        var rejected = Assert.Single(repeat.Events, e => e.Type == MessageEventType.Rejected);
        Assert.Equal("gone@example.com", rejected.Suppression?.Value);
        Assert.NotNull(rejected.Suppression?.ExpiresAt);
        Assert.Single(_server.RecipientsSeen, r => r.Contains("gone@example.com"));
    }
}
