using System.Text;
using Dashboard.Core.Activity;
using Dashboard.Core.Bounces.Inbound;
using Dashboard.Core.Messages;
using Dashboard.Core.Sending;
using Dashboard.Core.Suppressions;
using Dashboard.Core.Users;
using Dashboard.Tests.Support;
using Microsoft.EntityFrameworkCore;
using MimeKit;

namespace Dashboard.Tests.Inbound;

/// <summary>
/// Issue 9 §1: forged bounces and complaints, each sent as a hostile mail server would, over a real SMTP
/// session to the inbound listener on loopback, on real SQLite. Only a report with a valid signed token
/// acts; a report matched only by Message-ID is recorded as unverified until an admin accepts it.
/// </summary>
public sealed class ForgedReportTests : IAsyncLifetime
{
    private const string UnknownUser = "550 5.1.1 Recipient address rejected: User unknown in virtual mailbox table";
    private const string Postmaster = "postmaster@bounces.shop.example";
    private static readonly Actor Ada = new("ada", new HashSet<string> { Roles.Admin });

    private readonly LoopbackSmtpServer _relay = new();
    private PipelineHarness _pipeline = null!;
    private InboundHarness _inbound = null!;

    public Task InitializeAsync()
    {
        _pipeline = new PipelineHarness(PipelineHarness.Smarthost(_relay.Port), signedReturnPath: true);
        _inbound = new InboundHarness(_pipeline);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _inbound.DisposeAsync();
        await _pipeline.DisposeAsync();
        await _relay.DisposeAsync();
    }

    private UnmatchedBounceService Unmatched => new(_pipeline.Database.Factory, _pipeline.Ledger, _pipeline.Clock);

    private async Task<Message> SendAsync(string to = "victim@destination.test")
    {
        await _pipeline.Send.SendAsync(new SendRequest("news@shop.example", [to], "Weekly news", "Hello", null), Actor.Demo);
        return await ReloadAsync(to);
    }

    private async Task<Message> ReloadAsync(string recipient)
    {
        await using var db = _pipeline.Database.CreateContext();
        return await db.Messages.Include(m => m.Events).SingleAsync(m => m.Recipient == recipient);
    }

    /// <summary>Adds a Return-Path to the returned headers of a Postfix-style DSN.</summary>
    private static string WithReturnedReturnPath(string dsn, string returnPath) =>
        dsn.Replace("Content-Type: text/rfc822-headers\r\n\r\n", $"Content-Type: text/rfc822-headers\r\n\r\nReturn-Path: <{returnPath}>\r\n");

    private static string Complaint(string to, string recipient, string messageId, string? returnedReturnPath = null)
    {
        var original = new MimeMessage();
        if (returnedReturnPath is not null)
        {
            original.Headers.Add(HeaderId.ReturnPath, $"<{returnedReturnPath}>");
        }
        original.From.Add(MailboxAddress.Parse("news@shop.example"));
        original.To.Add(MailboxAddress.Parse(recipient));
        original.MessageId = messageId;
        original.Subject = "Weekly news";
        original.Body = new TextPart("plain") { Text = "Hello" };
        return Core.Sandbox.SandboxReports.Complaint(original, to, to, recipient, PipelineHarness.Start).ToString();
    }

    private async Task AssertUntouchedAsync(Message before, string? unverifiedWhy = null)
    {
        var after = await ReloadAsync(before.Recipient);
        Assert.Equal(MessageStatus.Delivered, after.Status);
        Assert.False(await _pipeline.Suppressions.IsSuppressedAsync(before.Recipient));
        await using var db = _pipeline.Database.CreateContext();
        Assert.Equal(0, await db.Suppressions.CountAsync());
        if (unverifiedWhy is not null)
        {
            var evt = Assert.Single(after.Events, e => e.Type == MessageEventType.Unverified);
            Assert.Contains(unverifiedWhy, evt.Detail);
            var kept = await db.UnmatchedBounces.SingleAsync(u => u.MessageId == before.Id);
            Assert.Contains(unverifiedWhy, kept.Why);
        }
    }

    [Fact]
    public async Task ADsnWithAForgedTokenOnlyInTheReturnedReturnPathSuppressesNobody()
    {
        var victim = await SendAsync();
        var forged = $"bounces+{victim.PublicId}-aaaaaaaaaaaaaaaa@bounces.shop.example";
        var dsn = WithReturnedReturnPath(InboundHarness.PostfixDsn(Postmaster, victim.Recipient, victim.MessageIdHeader!, UnknownUser), forged);

        await _inbound.DeliverAsync(dsn, Postmaster);

        await AssertUntouchedAsync(victim, "invalid signature");
    }

    [Fact]
    public async Task ADsnNamingAnotherRecipientThanTheMessagesNeverActsOnItEvenWithItsValidToken()
    {
        var victim = await SendAsync();
        var returnPath = _pipeline.ReturnPath.AddressFor(victim.ReturnPathToken!);

        await _inbound.DeliverAsync(InboundHarness.PostfixDsn(returnPath, "someone.else@destination.test", victim.MessageIdHeader!, UnknownUser), returnPath);

        await AssertUntouchedAsync(victim);
        await using var db = _pipeline.Database.CreateContext();
        Assert.Contains("sent to victim@destination.test", (await db.UnmatchedBounces.SingleAsync()).Why);
    }

    [Fact]
    public async Task AForgedArfComplaintWithoutATokenSuppressesNobody()
    {
        var victim = await SendAsync();

        await _inbound.DeliverAsync(Complaint(Postmaster, victim.Recipient, victim.MessageIdHeader!), Postmaster, "fbl@feedback.remote.test");

        await AssertUntouchedAsync(victim, "only by its Message-ID");
    }

    [Fact]
    public async Task ACoRecipientCannotSuppressAnotherRecipientWithWhatTheirOwnCopyCarries()
    {
        await _pipeline.Send.SendAsync(new SendRequest("news@shop.example", ["mallory@destination.test", "victim@destination.test"], "Hi", "Hello", null), Actor.Demo);
        var copy = _relay.Received.Single(r => r.To.Contains("mallory@destination.test"));
        var own = MimeMessage.Load(new MemoryStream(copy.Raw));
        var victim = await ReloadAsync("victim@destination.test");

        // Everything Mallory saw: her Message-ID, her signed return path (valid, but hers).
        await _inbound.DeliverAsync(InboundHarness.PostfixDsn(Postmaster, victim.Recipient, own.MessageId!, UnknownUser), Postmaster);
        await _inbound.DeliverAsync(InboundHarness.PostfixDsn(copy.From, victim.Recipient, own.MessageId!, UnknownUser), copy.From);
        await _inbound.DeliverAsync(Complaint(copy.From, victim.Recipient, own.MessageId!), copy.From, "fbl@feedback.remote.test");

        Assert.DoesNotContain(victim.Recipient, Encoding.UTF8.GetString(copy.Raw));
        await AssertUntouchedAsync(victim);
        Assert.Equal(MessageStatus.Delivered, (await ReloadAsync("mallory@destination.test")).Status);
    }

    [Fact]
    public async Task AValidTokenInTheReturnedMessagesReturnPathLetsAFeedbackLoopComplaintAct()
    {
        var message = await SendAsync("reader@destination.test");
        var returnPath = _pipeline.ReturnPath.AddressFor(message.ReturnPathToken!);

        await _inbound.DeliverAsync(Complaint("abuse@bounces.shop.example", message.Recipient, message.MessageIdHeader!, returnPath),
            "abuse@bounces.shop.example", "fbl@feedback.remote.test");

        Assert.Equal(MessageStatus.Complained, (await ReloadAsync(message.Recipient)).Status);
        Assert.Equal(SuppressionReason.SpamComplaint, (await _pipeline.Suppressions.FindActiveAsync(message.Recipient))!.Reason);
    }

    [Fact]
    public async Task AnUnverifiedReportIsShownOnTheTimelineListedForAdminsAndActsOnceAnAdminAcceptsIt()
    {
        var message = await SendAsync("reader@destination.test");
        await _inbound.DeliverAsync(InboundHarness.PostfixDsn(Postmaster, message.Recipient, message.MessageIdHeader!, UnknownUser), Postmaster);
        var detail = await new ActivityQueryService(_pipeline.Database.Factory, _pipeline.Clock).GetDetailAsync(message.PublicId);
        var listed = Assert.Single((await Unmatched.ListAsync(Ada)).Items);
        var statusBefore = (await ReloadAsync(message.Recipient)).Status;

        await Assert.ThrowsAsync<ForbiddenException>(() => Unmatched.AcceptAsync(listed.Id, Actor.Demo));
        var acted = await Unmatched.AcceptAsync(listed.Id, Ada);

        Assert.Equal(MessageStatus.Delivered, statusBefore);
        Assert.Contains(detail!.Events, e => e.Type == MessageEventType.Unverified && e.Detail!.Contains("not acted on"));
        Assert.Equal(message.PublicId, listed.MessagePublicId);
        Assert.True(listed.CanAccept);
        Assert.Equal(1, acted);
        var after = await ReloadAsync(message.Recipient);
        Assert.Equal(MessageStatus.HardBounced, after.Status);
        Assert.Contains("accepted by ada", Assert.Single(after.Events, e => e.Type == MessageEventType.HardBounce).Detail);
        Assert.Equal(SuppressionReason.HardBounce, (await _pipeline.Suppressions.FindActiveAsync(message.Recipient))!.Reason);
        var accepted = Assert.Single((await Unmatched.ListAsync(Ada)).Items);
        Assert.False(accepted.CanAccept);
        Assert.Equal("ada", accepted.AcceptedBy);
        await Assert.ThrowsAsync<InvalidOperationException>(() => Unmatched.AcceptAsync(listed.Id, Ada));
    }
}
