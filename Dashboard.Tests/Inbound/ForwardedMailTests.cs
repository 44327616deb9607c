using Dashboard.Core.Messages;
using Dashboard.Core.Sandbox;
using Dashboard.Core.Sending;
using Dashboard.Core.Suppressions;
using Dashboard.Core.Users;
using Dashboard.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Dashboard.Tests.Inbound;

/// <summary>The sandbox's later-answering mailboxes, end to end: pipeline → sandbox → report over SMTP → inbound listener.</summary>
public sealed class ForwardedMailTests : IAsyncLifetime
{
    private SandboxServer _sandbox = null!;
    private PipelineHarness _pipeline = null!;
    private InboundHarness _inbound = null!;
    private SandboxAftermathService _aftermath = null!;

    public async Task InitializeAsync()
    {
        _sandbox = new SandboxServer(Options.Create(new SandboxOptions { Port = 0 }), NullLogger<SandboxServer>.Instance);
        await _sandbox.StartAsync(CancellationToken.None);
        _pipeline = new PipelineHarness(h => new SandboxTransport(_sandbox, Options.Create(h.Options), h.Clock), signedReturnPath: true);
        _inbound = new InboundHarness(_pipeline);
        _aftermath = new SandboxAftermathService(_sandbox, _inbound.Server,
            Options.Create(new SandboxOptions { AftermathDelaySeconds = 0, ComplaintRate = 1 }), _pipeline.Clock, NullLogger<SandboxAftermathService>.Instance);
        await _aftermath.StartAsync(CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await _aftermath.StopAsync(CancellationToken.None);
        await _inbound.DisposeAsync();
        await _pipeline.DisposeAsync();
        await _sandbox.DisposeAsync();
    }

    private async Task<Message> SendAndSettleAsync(string to)
    {
        var result = await _pipeline.Send.SendAsync(new SendRequest("news@shop.example", [to], "Weekly news", "Hello", null), Actor.Demo);
        Assert.Equal(MessageStatus.Delivered, Assert.Single(result.Recipients).Status);
        await _aftermath.WhenIdleAsync();
        await using var db = _pipeline.Database.CreateContext();
        return await db.Messages.Include(m => m.Events).SingleAsync(m => m.Recipient == to);
    }

    [Fact]
    public async Task ASecondHopBounceAfterDeliveryShowsBothFactsStaysDeliveredAndSuppressesNoOne()
    {
        var message = await SendAndSettleAsync("forward@sandbox.test");

        Assert.True(message.BouncedAfterDelivery);
        Assert.Equal(MessageStatus.Delivered, message.Status);
        Assert.Contains(message.Events, e => e.Type == MessageEventType.Delivered);
        var bounce = Assert.Single(message.Events, e => e.Type == MessageEventType.BouncedAfterDelivery);
        Assert.StartsWith("Bounced after delivery — most likely the recipient forwards mail and the forward failed.", bounce.Detail);
        Assert.Contains("User unknown in virtual mailbox table", bounce.Response);
        Assert.Contains("the address is not suppressed", bounce.Detail);
        // The advice fits the case: fix the forwarding, not "check the address for a typo".
        Assert.Contains("forward", bounce.Advice);
        Assert.DoesNotContain("typo", bounce.Advice);
        Assert.Null(await _pipeline.Suppressions.FindActiveAsync("forward@sandbox.test"));
    }

    [Fact]
    public async Task TheComplainingMailboxFilesAnArfComplaint()
    {
        var message = await SendAndSettleAsync("complain@sandbox.test");

        Assert.Equal(MessageStatus.Complained, message.Status);
        Assert.Single(message.Events, e => e.Type == MessageEventType.Complaint);
        Assert.Equal(SuppressionReason.SpamComplaint, (await _pipeline.Suppressions.FindActiveAsync("complain@sandbox.test"))!.Reason);
    }

    [Fact]
    public async Task TheVacationMailboxAnswersWithAnAutoReplyOnly()
    {
        var message = await SendAndSettleAsync("vacation@sandbox.test");

        Assert.Equal(MessageStatus.Delivered, message.Status);
        Assert.Single(message.Events, e => e.Type == MessageEventType.AutoReply);
    }
}
