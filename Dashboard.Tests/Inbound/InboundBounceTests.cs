using System.Text;
using Dashboard.Core.Messages;
using Dashboard.Core.Sending;
using Dashboard.Core.Suppressions;
using Dashboard.Core.Users;
using Dashboard.Tests.Support;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.EntityFrameworkCore;
using MimeKit;

namespace Dashboard.Tests.Inbound;

public sealed class InboundBounceTests : IAsyncLifetime
{
    private const string UnknownUser = "550 5.1.1 <reader@destination.test>: Recipient address rejected: User unknown in virtual mailbox table";

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

    private async Task<Message> SendAsync(string to = "reader@destination.test")
    {
        await _pipeline.Send.SendAsync(new SendRequest("news@shop.example", [to], "Weekly news", "Hello", null), Actor.Demo);
        await using var db = _pipeline.Database.CreateContext();
        return await db.Messages.SingleAsync(m => m.Recipient == to);
    }

    private async Task<Message> ReloadAsync(long id)
    {
        await using var db = _pipeline.Database.CreateContext();
        return await db.Messages.Include(m => m.Events).SingleAsync(m => m.Id == id);
    }

    [Fact]
    public async Task EveryMessageCarriesItsOwnSignedReturnPath()
    {
        var result = await _pipeline.Send.SendAsync(new SendRequest("news@shop.example", ["a@destination.test", "b@destination.test"], "Hi", "Hello", null), Actor.Demo);

        // Both must have been delivered for both envelopes to be there; say why if one was not.
        Assert.All(result.Recipients, r => Assert.True(r.Status == MessageStatus.Delivered, $"{r.Recipient}: {r.Status} {r.Response}"));
        var envelopes = _relay.Received.Select(r => r.From).ToList();
        Assert.Equal(2, envelopes.Count);
        Assert.All(envelopes, from => Assert.Matches(@"^bounces\+[a-z2-9]{20}-[a-z2-7]{16}@bounces\.shop\.example$", from));
        Assert.NotEqual(envelopes[0], envelopes[1]);
        Assert.All(envelopes, from => Assert.True(_pipeline.ReturnPath.TryRead(from, out _).Valid));
    }

    [Fact]
    public async Task ParallelEnvelopesOfOneMessageEachCarryTheWholeMessage()
    {
        var recipients = Enumerable.Range(0, 60).Select(i => $"reader{i}@destination.test").ToList();

        var result = await _pipeline.Send.SendAsync(new SendRequest("news@shop.example", recipients, "Hi", "Hello, the same body for everyone.", null), Actor.Demo);

        Assert.All(result.Recipients, r => Assert.True(r.Status == MessageStatus.Delivered, $"{r.Recipient}: {r.Status} {r.Response}"));
        Assert.Equal(recipients.Count, _relay.Received.Count);
        Assert.All(_relay.Received, r => Assert.Contains("Hello, the same body for everyone.", Encoding.UTF8.GetString(r.Raw)));
    }

    [Fact]
    public async Task ADsnOverSmtpSuppressesTheAddressAndRecordsTheFullDiagnostic()
    {
        var message = await SendAsync();
        var returnPath = _pipeline.ReturnPath.AddressFor(message.ReturnPathToken!);

        await _inbound.DeliverAsync(InboundHarness.PostfixDsn(returnPath, message.Recipient, message.MessageIdHeader!, UnknownUser), returnPath);

        var after = await ReloadAsync(message.Id);
        Assert.Equal(MessageStatus.HardBounced, after.Status);
        Assert.False(after.BouncedAfterDelivery);
        var evt = Assert.Single(after.Events, e => e.Type == MessageEventType.HardBounce);
        Assert.Equal(UnknownUser, evt.Response);
        Assert.Equal(550, evt.ReplyCode);
        Assert.Equal("5.1.1", evt.EnhancedStatus);
        Assert.Equal("mx.destination.test", evt.RemoteHost);
        Assert.NotNull(evt.SuppressionId);
        var suppression = await _pipeline.Suppressions.FindActiveAsync(message.Recipient);
        Assert.Equal(SuppressionReason.HardBounce, suppression!.Reason);
        Assert.Equal(PipelineHarness.Start.AddDays(7), suppression.ExpiresAt);
    }

    [Fact]
    public async Task AForgedTokenMatchesNothingAndSuppressesNobody()
    {
        var message = await SendAsync();
        var forged = $"bounces+{message.PublicId}-aaaaaaaaaaaaaaaa@bounces.shop.example";

        await _inbound.DeliverAsync(InboundHarness.PostfixDsn(forged, message.Recipient, message.MessageIdHeader!, UnknownUser), forged);

        Assert.Equal(MessageStatus.Delivered, (await ReloadAsync(message.Id)).Status);
        Assert.False(await _pipeline.Suppressions.IsSuppressedAsync(message.Recipient));
        await using var db = _pipeline.Database.CreateContext();
        var kept = await db.UnmatchedBounces.SingleAsync();
        Assert.Contains("invalid signature", kept.Why);
        Assert.Equal(forged, kept.EnvelopeTo);
    }

    [Fact]
    public async Task WithoutATokenTheReturnedMessageIdFindsTheMessageButOnlyAsUnverified()
    {
        var message = await SendAsync();

        await _inbound.DeliverAsync(InboundHarness.PostfixDsn("postmaster@bounces.shop.example", message.Recipient, message.MessageIdHeader!, UnknownUser),
            "postmaster@bounces.shop.example");

        var after = await ReloadAsync(message.Id);
        Assert.Equal(MessageStatus.Delivered, after.Status);
        Assert.Single(after.Events, e => e.Type == MessageEventType.Unverified);
    }

    [Fact]
    public async Task AReportNamingAnotherRecipientThanTheMessagesNeverActsOnIt()
    {
        // Each recipient has its own Message-ID now (issue 9): a's Message-ID in a report about b.
        await _pipeline.Send.SendAsync(new SendRequest("news@shop.example", ["a@destination.test", "b@destination.test"], "Hi", "Hello", null), Actor.Demo);
        await using var db = _pipeline.Database.CreateContext();
        var messageId = (await db.Messages.SingleAsync(m => m.Recipient == "a@destination.test")).MessageIdHeader!;

        await _inbound.DeliverAsync(InboundHarness.PostfixDsn("postmaster@bounces.shop.example", "b@destination.test", messageId, UnknownUser),
            "postmaster@bounces.shop.example");

        var statuses = await db.Messages.AsNoTracking().ToDictionaryAsync(m => m.Recipient, m => m.Status);
        Assert.Equal(MessageStatus.Delivered, statuses["a@destination.test"]);
        Assert.Equal(MessageStatus.Delivered, statuses["b@destination.test"]);
        Assert.False(await _pipeline.Suppressions.IsSuppressedAsync("a@destination.test"));
        Assert.False(await _pipeline.Suppressions.IsSuppressedAsync("b@destination.test"));
        Assert.Contains("not a message to b@destination.test", (await db.UnmatchedBounces.SingleAsync()).Why);
    }

    [Fact]
    public async Task MailThatMatchesNothingOrIsNoBounceIsKeptRawWithWhy()
    {
        await _inbound.DeliverAsync(InboundHarness.PostfixDsn("postmaster@bounces.shop.example", "who@destination.test", "unknown-id@shop.example", UnknownUser),
            "postmaster@bounces.shop.example");
        await _inbound.DeliverAsync("From: someone@remote.test\r\nTo: postmaster@bounces.shop.example\r\nSubject: Hello\r\n\r\nJust saying hi.\r\n",
            "postmaster@bounces.shop.example", "someone@remote.test");

        await using var db = _pipeline.Database.CreateContext();
        var kept = await db.UnmatchedBounces.OrderBy(u => u.Id).ToListAsync();
        Assert.Equal(2, kept.Count);
        Assert.Contains("unknown-id@shop.example", kept[0].Why);
        Assert.Equal("Undelivered Mail Returned to Sender", kept[0].Subject);
        Assert.Contains("Not recognised", kept[1].Why);
        Assert.Contains("Just saying hi.", System.Text.Encoding.UTF8.GetString(kept[1].Raw));
    }

    [Fact]
    public async Task OnlyAdminsSeeTheUnmatchedListAndItsRawMail()
    {
        await _inbound.DeliverAsync("From: someone@remote.test\r\nTo: postmaster@bounces.shop.example\r\nSubject: Hello\r\n\r\nHi.\r\n",
            "postmaster@bounces.shop.example", "someone@remote.test");
        var unmatched = new Core.Bounces.Inbound.UnmatchedBounceService(_pipeline.Database.Factory, _pipeline.Ledger, _pipeline.Clock);
        var admin = new Actor("ada", new HashSet<string> { Roles.Admin });

        var page = await unmatched.ListAsync(admin);
        var raw = await unmatched.GetRawAsync(page.Items[0].Id, admin);

        Assert.Equal(1, page.TotalCount);
        Assert.Equal("Hello", page.Items[0].Subject);
        Assert.Contains("Hi.", System.Text.Encoding.UTF8.GetString(raw!));
        await Assert.ThrowsAsync<ForbiddenException>(() => unmatched.ListAsync(Actor.Demo));
        await Assert.ThrowsAsync<ForbiddenException>(() => unmatched.GetRawAsync(page.Items[0].Id, Actor.Demo));
    }

    [Theory]
    [InlineData("")]
    [InlineData("\u0000\u0001garbage")]
    [InlineData("Content-Type: multipart/report; report-type=delivery-status; boundary=\"x\"\r\n\r\n--x\r\nContent-Type: message/delivery-status\r\n\r\nAction: failed")]
    public async Task GarbageIsKeptNotThrown(string raw)
    {
        var result = await _inbound.Processor.ProcessAsync(new Core.Bounces.Inbound.InboundMail(null, ["x@bounces.shop.example"], System.Text.Encoding.UTF8.GetBytes(raw)));

        Assert.NotNull(result.UnmatchedWhy);
        await using var db = _pipeline.Database.CreateContext();
        Assert.Equal(1, await db.UnmatchedBounces.CountAsync());
    }

    [Fact]
    public async Task TheListenerRefusesMailForOtherDomains()
    {
        using var client = new SmtpClient();
        await client.ConnectAsync(_inbound.Server.Address, _inbound.Server.Port, SecureSocketOptions.None);
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse("spammer@remote.test"));
        message.To.Add(MailboxAddress.Parse("victim@elsewhere.test"));
        message.Body = new TextPart("plain") { Text = "relay me" };

        var error = await Assert.ThrowsAsync<SmtpCommandException>(() => client.SendAsync(message));

        Assert.Equal(550, (int)error.StatusCode);
        await using var db = _pipeline.Database.CreateContext();
        Assert.Equal(0, await db.UnmatchedBounces.CountAsync());
    }

    [Fact]
    public async Task AComplaintSuppressesUntilRemovedAndMarksTheMessage()
    {
        var message = await SendAsync();
        var returnPath = _pipeline.ReturnPath.AddressFor(message.ReturnPathToken!);
        var original = new MimeMessage();
        original.From.Add(MailboxAddress.Parse("news@shop.example"));
        original.To.Add(MailboxAddress.Parse(message.Recipient));
        original.MessageId = message.MessageIdHeader!;
        original.Subject = "Weekly news";
        original.Body = new TextPart("plain") { Text = "Hello" };
        var arf = Core.Sandbox.SandboxReports.Complaint(original, returnPath, returnPath, message.Recipient, PipelineHarness.Start);

        await _inbound.DeliverAsync(arf.ToString(), returnPath, "fbl@feedback.remote.test");

        var after = await ReloadAsync(message.Id);
        Assert.Equal(MessageStatus.Complained, after.Status);
        Assert.Single(after.Events, e => e.Type == MessageEventType.Complaint);
        var suppression = await _pipeline.Suppressions.FindActiveAsync(message.Recipient);
        Assert.Equal(SuppressionReason.SpamComplaint, suppression!.Reason);
        Assert.Null(suppression.ExpiresAt);
    }

    [Fact]
    public async Task AnAutoReplyIsOnlyAnInformationalEvent()
    {
        var message = await SendAsync();
        var returnPath = _pipeline.ReturnPath.AddressFor(message.ReturnPathToken!);
        var original = new MimeMessage { MessageId = message.MessageIdHeader!, Subject = "Weekly news" };
        var reply = Core.Sandbox.SandboxReports.AutoReply(original, returnPath, message.Recipient, PipelineHarness.Start);

        await _inbound.DeliverAsync(reply.ToString(), returnPath, message.Recipient);

        var after = await ReloadAsync(message.Id);
        Assert.Equal(MessageStatus.Delivered, after.Status);
        Assert.Single(after.Events, e => e.Type == MessageEventType.AutoReply);
        Assert.False(await _pipeline.Suppressions.IsSuppressedAsync(message.Recipient));
    }
}
