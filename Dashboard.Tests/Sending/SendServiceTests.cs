using Dashboard.Core.Messages;
using Dashboard.Core.Sending;
using Dashboard.Core.Suppressions;
using Dashboard.Core.Users;
using Dashboard.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Tests.Sending;

public sealed class SendServiceTests : IAsyncLifetime
{
    private readonly LoopbackSmtpServer _server = new();
    private PipelineHarness _pipeline = null!;

    private static readonly Actor Alice = new("alice", new HashSet<string> { Roles.Marketer });

    public Task InitializeAsync()
    {
        _pipeline = new PipelineHarness(PipelineHarness.Smarthost(_server.Port));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _pipeline.DisposeAsync();
        await _server.DisposeAsync();
    }

    private static SendRequest To(params string[] recipients) =>
        new("news@shop.example", recipients, "March offers", "Hello there.", null);

    [Fact]
    public async Task AcceptedRecipientIsDeliveredWithTheServersReply()
    {
        var result = await _pipeline.Send.SendAsync(To("bob@example.com"), Alice);

        var outcome = Assert.Single(result.Recipients);
        Assert.Equal(MessageStatus.Delivered, outcome.Status);
        Assert.Equal(250, outcome.ReplyCode);
        Assert.Equal("250 2.0.0 OK queued as 4F2A9C1B", outcome.Response);
        await using var db = _pipeline.Database.CreateContext();
        var message = await db.Messages.Include(m => m.Events).SingleAsync();
        Assert.Equal(MessageStatus.Delivered, message.Status);
        Assert.Equal([MessageEventType.Queued, MessageEventType.Sending, MessageEventType.Delivered],
            message.Events.OrderBy(e => e.Id).Select(e => e.Type));
        Assert.Equal("alice", message.Events.OrderBy(e => e.Id).First().Actor);
        Assert.Equal("127.0.0.1:" + _server.Port, message.Events.Single(e => e.Type == MessageEventType.Delivered).RemoteHost);
        Assert.Single(_server.Received);
    }

    [Fact]
    public async Task PermanentRefusalAtRcptIsAHardBounceThatSuppressesTheAddress()
    {
        const string reply = "5.1.1 The email account that you tried to reach does not exist. Please try double-checking the recipient's email address for typos or unnecessary spaces.";
        _server.OnRecipient = _ => LoopbackSmtpServer.Reply(550, reply);

        var result = await _pipeline.Send.SendAsync(To("gone@example.com"), Alice);

        var outcome = Assert.Single(result.Recipients);
        Assert.Equal(MessageStatus.HardBounced, outcome.Status);
        Assert.Equal(550, outcome.ReplyCode);
        Assert.Equal("5.1.1", outcome.EnhancedStatus);
        Assert.StartsWith("550 " + reply, outcome.Response);
        Assert.True(await _pipeline.Suppressions.IsSuppressedAsync("gone@example.com"));
        await using var db = _pipeline.Database.CreateContext();
        var bounce = await db.MessageEvents.SingleAsync(e => e.Type == MessageEventType.HardBounce);
        Assert.Contains(reply, bounce.Response);
        Assert.NotNull(bounce.SuppressionId);
        Assert.NotNull(bounce.Rule);
        Assert.NotNull(bounce.Advice);
        Assert.Empty(_server.Received);
    }

    [Fact]
    public async Task TemporaryRefusalIsASoftBounceThatDoesNotSuppress()
    {
        _server.OnRecipient = _ => LoopbackSmtpServer.Reply(452, "4.2.2 The email account that you tried to reach is over quota.");

        var result = await _pipeline.Send.SendAsync(To("busy@example.com"), Alice);

        var outcome = Assert.Single(result.Recipients);
        Assert.Equal(MessageStatus.SoftBounced, outcome.Status);
        Assert.Equal(452, outcome.ReplyCode);
        Assert.Equal("4.2.2", outcome.EnhancedStatus);
        Assert.False(await _pipeline.Suppressions.IsSuppressedAsync("busy@example.com"));
    }

    [Fact]
    public async Task DataPhaseRefusalAppliesToEveryAcceptedRecipientButNotToOnesRefusedEarlier()
    {
        _server.OnRecipient = a => a.StartsWith("gone") ? LoopbackSmtpServer.Reply(550, "5.1.1 User unknown") : null;
        _server.OnData = _ => LoopbackSmtpServer.Reply(554, "5.7.1 Message rejected as spam");

        var result = await _pipeline.Send.SendAsync(To("one@example.com", "two@example.com", "gone@example.com"), Alice);

        var byAddress = result.Recipients.ToDictionary(r => r.Recipient);
        Assert.Equal(554, byAddress["one@example.com"].ReplyCode);
        Assert.Equal(554, byAddress["two@example.com"].ReplyCode);
        Assert.Equal("554 5.7.1 Message rejected as spam", byAddress["two@example.com"].Response);
        Assert.Equal(550, byAddress["gone@example.com"].ReplyCode);
        Assert.Equal(MessageStatus.HardBounced, byAddress["gone@example.com"].Status);
        Assert.Empty(_server.Received);
    }

    [Fact]
    public async Task ConnectionRefusedIsRecordedForEveryRecipientWithoutAReplyCode()
    {
        await using var nowhere = new PipelineHarness(PipelineHarness.Smarthost(LoopbackSmtpServer.FreePort()));

        var result = await nowhere.Send.SendAsync(To("a@example.com", "b@example.com"), Alice);

        Assert.All(result.Recipients, r =>
        {
            Assert.Null(r.ReplyCode);
            Assert.StartsWith("Connection refused", r.Response);
            Assert.NotEqual(MessageStatus.Delivered, r.Status);
            Assert.NotEqual(MessageStatus.Sending, r.Status);
        });
        await using var db = nowhere.Database.CreateContext();
        Assert.Equal(2, await db.MessageEvents.CountAsync(e => e.Type == MessageEventType.SoftBounce || e.Type == MessageEventType.HardBounce));
    }

    [Fact]
    public async Task AHardBounceAnnouncesTheSuppressionItCausedAfterItIsSaved()
    {
        _server.OnRecipient = _ => LoopbackSmtpServer.Reply(550, "5.1.1 Recipient address rejected: User unknown");
        var announced = new TaskCompletionSource<(SuppressionChange Change, bool Stored)>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscription = _pipeline.SuppressionFeed.Subscribe(async changes =>
            announced.TrySetResult((changes.Single(), await _pipeline.Suppressions.IsSuppressedAsync(changes.Single().Value))));

        await _pipeline.Send.SendAsync(To("gone@example.com"), Alice);

        var (change, stored) = await announced.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal("gone@example.com", change.Value);
        Assert.Equal(SuppressionReason.HardBounce, change.Reason);
        Assert.True(change.Added);
        Assert.True(stored);
    }

    [Fact]
    public async Task MixedRecipientsInOneMessageEachGetTheirOwnOutcome()
    {
        _server.OnRecipient = a => a switch
        {
            "gone@example.com" => LoopbackSmtpServer.Reply(550, "5.1.1 Recipient address rejected"),
            "full@example.com" => LoopbackSmtpServer.Reply(452, "4.2.2 Recipient address rejected: Mailbox full"),
            _ => null,
        };

        var result = await _pipeline.Send.SendAsync(To("ok@example.com", "gone@example.com", "full@example.com"), Alice);

        var byAddress = result.Recipients.ToDictionary(r => r.Recipient, r => r.Status);
        Assert.Equal(MessageStatus.Delivered, byAddress["ok@example.com"]);
        Assert.Equal(MessageStatus.HardBounced, byAddress["gone@example.com"]);
        Assert.Equal(MessageStatus.SoftBounced, byAddress["full@example.com"]);
        var received = Assert.Single(_server.Received);
        Assert.Equal(["ok@example.com"], received.To);
        await using var db = _pipeline.Database.CreateContext();
        Assert.Equal(3, await db.Messages.CountAsync());
        Assert.Equal(1, await db.MessageContents.CountAsync());
    }

    [Fact]
    public async Task SuppressedRecipientIsRejectedAndNeverReachesTheServer()
    {
        await _pipeline.Suppressions.AddAsync(new AddSuppressionRequest("blocked@example.com", Note: "asked us to stop"), Actor.System);

        var result = await _pipeline.Send.SendAsync(To("blocked@example.com", "fine@example.com"), Alice);

        var byAddress = result.Recipients.ToDictionary(r => r.Recipient);
        Assert.Equal(MessageStatus.Rejected, byAddress["blocked@example.com"].Status);
        Assert.Contains("asked us to stop", byAddress["blocked@example.com"].Response);
        Assert.Equal(MessageStatus.Delivered, byAddress["fine@example.com"].Status);
        Assert.DoesNotContain("blocked@example.com", _server.RecipientsSeen);
        await using var db = _pipeline.Database.CreateContext();
        var rejected = await db.MessageEvents.SingleAsync(e => e.Type == MessageEventType.Rejected);
        Assert.NotNull(rejected.SuppressionId);
        Assert.Contains("added by hand", rejected.Detail);
    }

    [Fact]
    public async Task DomainSuppressionRejectsEveryAddressOfTheDomain()
    {
        await _pipeline.Suppressions.AddAsync(new AddSuppressionRequest("@spamtrap.example"), Actor.System);

        var result = await _pipeline.Send.SendAsync(To("anyone@spamtrap.example"), Alice);

        Assert.Equal(MessageStatus.Rejected, Assert.Single(result.Recipients).Status);
        Assert.Empty(_server.RecipientsSeen);
    }

    [Fact]
    public async Task MessagesAreCommittedBeforeAnySmtpTraffic()
    {
        var storedWhenServerAsked = -1;
        _server.OnRecipient = _ =>
        {
            using var db = _pipeline.Database.CreateContext();
            storedWhenServerAsked = db.Messages.Count(m => m.Status == MessageStatus.Sending);
            return null;
        };

        await _pipeline.Send.SendAsync(To("bob@example.com"), Alice);

        Assert.Equal(1, storedWhenServerAsked);
    }

    [Fact]
    public async Task ConsecutiveMessagesReuseOneConnection()
    {
        for (var i = 0; i < 5; i++)
        {
            await _pipeline.Send.SendAsync(To($"reader{i}@example.com"), Alice);
        }

        Assert.Equal(5, _server.Received.Count);
        Assert.Equal(1, _server.Sessions);
    }

    [Fact]
    public async Task SeveralMessagesAreSentAtOnce()
    {
        var sends = Enumerable.Range(0, 12).Select(i => _pipeline.Send.SendAsync(To($"reader{i}@example.com"), Alice));

        var results = await Task.WhenAll(sends);

        Assert.All(results, r => Assert.Equal(MessageStatus.Delivered, Assert.Single(r.Recipients).Status));
        Assert.InRange(_server.Sessions, 1, _pipeline.Options.Concurrency);
    }

    [Fact]
    public async Task AnActorWithoutASendingRoleIsRefusedAndNothingIsStored()
    {
        var visitor = new Actor("visitor", new HashSet<string>());

        await Assert.ThrowsAsync<ForbiddenException>(() => _pipeline.Send.SendAsync(To("bob@example.com"), visitor));

        await using var db = _pipeline.Database.CreateContext();
        Assert.Equal(0, await db.Messages.CountAsync());
    }

    public static TheoryData<string, SendRequest> BadRequests => new()
    {
        { "From", new SendRequest("not an address", ["bob@example.com"], "Hi", "Body", null) },
        { "From", new SendRequest("news@shop.example\r\nBcc: victim@example.com", ["bob@example.com"], "Hi", "Body", null) },
        { "To", new SendRequest("news@shop.example", [], "Hi", "Body", null) },
        { "To", new SendRequest("news@shop.example", ["bob@example.com", "bob@"], "Hi", "Body", null) },
        { "To", new SendRequest("news@shop.example", ["bob@example.com\r\nBcc: victim@example.com"], "Hi", "Body", null) },
        { "To", new SendRequest("news@shop.example", ["nodomain"], "Hi", "Body", null) },
        { "Subject", new SendRequest("news@shop.example", ["bob@example.com"], "Hi\r\nBcc: victim@example.com", "Body", null) },
        { "Subject", new SendRequest("news@shop.example", ["bob@example.com"], "Hi\nX-Injected: yes", "Body", null) },
        { "Body", new SendRequest("news@shop.example", ["bob@example.com"], "Hi", null, " ") },
        { "Body", new SendRequest("news@shop.example", ["bob@example.com"], "Hi", new string('x', 200_000), null) },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task BadInputNamesTheFieldAndLeavesTheDatabaseUntouched(string field, SendRequest request)
    {
        _pipeline.Options.MaxMessageBytes = 100_000;

        var error = await Assert.ThrowsAsync<SendValidationException>(() => _pipeline.Send.SendAsync(request, Alice));

        Assert.Equal(field, error.Field.ToString());
        Assert.False(string.IsNullOrWhiteSpace(error.Message));
        await using var db = _pipeline.Database.CreateContext();
        Assert.Equal(0, await db.Messages.CountAsync());
        Assert.Equal(0, await db.MessageContents.CountAsync());
        Assert.Equal(0, await db.MessageEvents.CountAsync());
        Assert.Empty(_server.RecipientsSeen);
    }
}
