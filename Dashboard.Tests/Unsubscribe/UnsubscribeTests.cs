using Dashboard.Core.Messages;
using Dashboard.Core.Sending;
using Dashboard.Core.Suppressions;
using Dashboard.Core.Unsubscribe;
using Dashboard.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Dashboard.Tests.Unsubscribe;

/// <summary>One-click unsubscribe on a real SQLite database through the real ledger and suppression rules.</summary>
public sealed class UnsubscribeTests : IAsyncDisposable
{
    // Nothing is sent here: the transport is never used.
    private readonly PipelineHarness _pipeline = new(PipelineHarness.Smarthost(9));
    private readonly UnsubscribeSigner _signer;
    private readonly UnsubscribeService _service;

    public UnsubscribeTests()
    {
        var options = Options.Create(new UnsubscribeOptions
        {
            Enabled = true, PublicBaseUrl = "https://mail.shop.example/", SigningKey = "unsubscribe-key-0123456789-0123456789",
        });
        _signer = new UnsubscribeSigner(options, Options.Create(_pipeline.ReturnPathOptions));
        _service = new UnsubscribeService(_pipeline.Database.Factory, _signer, _pipeline.Rules, _pipeline.Ledger, _pipeline.Clock, NullLogger<UnsubscribeService>.Instance);
    }

    public ValueTask DisposeAsync() => _pipeline.DisposeAsync();

    private async Task DeliveredAsync(string publicId, string recipient)
    {
        await _pipeline.Ledger.WriteAsync(async tx =>
        {
            var message = new Message
            {
                PublicId = publicId, SubmissionId = publicId, Sender = "news@shop.example", Recipient = recipient, RecipientDomain = "example.org",
                CreatedAt = _pipeline.Clock.GetUtcNow(),
            };
            message.Queue("ada", "Submitted", _pipeline.Clock.GetUtcNow());
            message.StartSending("smarthost", _pipeline.Clock.GetUtcNow());
            tx.Db.Messages.Add(message);
            await tx.RecordReplyAsync(message, new RecipientReply(recipient, 250, "2.0.0", "2.0.0 OK", "mx"), viaRelay: false, _pipeline.Clock.GetUtcNow());
        }, CancellationToken.None);
    }

    [Fact]
    public void HeadersCarryASignedHttpsLinkAMailtoAndTheOneClickMarker()
    {
        var headers = _signer.HeadersFor("abc123");

        var listUnsubscribe = Assert.Single(headers, h => h.Key == "List-Unsubscribe").Value;
        Assert.Matches(@"^<https://mail\.shop\.example/unsubscribe/abc123-[a-z2-7]{26}>, <mailto:unsubscribe\+abc123-[a-z2-7]{26}@bounces\.shop\.example\?subject=unsubscribe>$", listUnsubscribe);
        Assert.Equal("List-Unsubscribe=One-Click", Assert.Single(headers, h => h.Key == "List-Unsubscribe-Post").Value);
        Assert.Equal("abc123", _signer.Read(_signer.TokenFor("abc123")));
        Assert.Equal("abc123", _signer.Read(_signer.MailtoAddressFor("abc123")));
    }

    [Fact]
    public async Task EachRecipientsCopyCarriesItsOwnSignedLinks()
    {
        var send = new SendService(_pipeline.Database.Factory, _pipeline.Transport, _pipeline.Ledger, _pipeline.Clock,
            Options.Create(_pipeline.Options), _pipeline.ReturnPath, _pipeline.Instance, NullLogger<SendService>.Instance, _signer);

        // The smarthost on port 9 refuses: the copies are stored before any SMTP traffic either way.
        await send.SendAsync(new SendRequest("news@shop.example", ["a@example.org", "b@example.org"], "News", "Hello", null),
            new Dashboard.Core.Users.Actor("ada", new HashSet<string> { Dashboard.Core.Users.Roles.Admin }));

        await using var db = _pipeline.Database.CreateContext();
        foreach (var message in await db.Messages.ToListAsync())
        {
            var headers = System.Text.Encoding.UTF8.GetString(message.Headers!).Replace("\r\n ", " ").Replace("\r\n\t", " ");
            Assert.Contains($"List-Unsubscribe: <{_signer.UrlFor(message.PublicId)}>, <mailto:{_signer.MailtoAddressFor(message.PublicId)}?subject=unsubscribe>", headers);
            Assert.Contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click", headers);
        }
    }

    [Theory]
    [InlineData("abc123-aaaaaaaaaaaaaaaaaaaaaaaaaa")]
    [InlineData("abc124")]
    [InlineData("")]
    [InlineData("unsubscribe+abc123-aaaaaaaaaaaaaaaaaaaaaaaaaa@bounces.shop.example")]
    public void AForgedOrMalformedTokenReadsAsNothing(string token) => Assert.Null(_signer.Read(token));

    [Fact]
    public void ATokenSignedForOneMessageDoesNotNameAnother()
    {
        var token = _signer.TokenFor("abc123");

        Assert.Null(_signer.Read("abc124" + token[6..]));
    }

    [Fact]
    public async Task TheLinkAddsAnUnsubscribeSuppressionAndATimelineLineOnce()
    {
        await DeliveredAsync("p1", "reader@example.org");

        var first = await _service.UnsubscribeAsync(_signer.TokenFor("p1"), UnsubscribeChannel.Web);
        var again = await _service.UnsubscribeAsync(_signer.TokenFor("p1"), UnsubscribeChannel.Web);

        Assert.Equal(("reader@example.org", false), (first.Recipient, first.AlreadyUnsubscribed));
        Assert.True(again.AlreadyUnsubscribed);
        var suppression = await _pipeline.Suppressions.FindActiveAsync("reader@example.org");
        Assert.Equal(SuppressionReason.Unsubscribe, suppression!.Reason);
        Assert.Null(suppression.ExpiresAt);
        await using var db = _pipeline.Database.CreateContext();
        var message = await db.Messages.Include(m => m.Events).SingleAsync(m => m.PublicId == "p1");
        Assert.Equal(MessageStatus.Unsubscribed, message.Status);
        Assert.Single(message.Events, e => e.Type == MessageEventType.Unsubscribe);
    }

    [Fact]
    public async Task MailToTheUnsubscribeAddressUnsubscribesToo()
    {
        await DeliveredAsync("p2", "mailer@example.org");

        var result = await _service.UnsubscribeAsync(_signer.MailtoAddressFor("p2"), UnsubscribeChannel.Mail);

        Assert.True(result.Accepted);
        Assert.Equal(SuppressionReason.Unsubscribe, (await _pipeline.Suppressions.FindActiveAsync("mailer@example.org"))!.Reason);
    }

    [Fact]
    public async Task MailToTheMailtoOverSmtpReachesTheInboundListenerAndUnsubscribes()
    {
        await DeliveredAsync("p4", "smtp@example.org");
        await using var inbound = new Dashboard.Tests.Inbound.InboundHarness(_pipeline, unsubscribe: _service);

        await inbound.DeliverAsync("""
            From: smtp@example.org
            To: unsubscribe@shop.example
            Subject: unsubscribe

            Please stop.
            """, _signer.MailtoAddressFor("p4"), from: "smtp@example.org");
        await inbound.DeliverAsync("""
            From: someone@example.org
            To: unsubscribe@shop.example
            Subject: unsubscribe

            Forged.
            """, "unsubscribe+p4-aaaaaaaaaaaaaaaaaaaaaaaaaa@bounces.shop.example", from: "someone@example.org");

        Assert.Equal(SuppressionReason.Unsubscribe, (await _pipeline.Suppressions.FindActiveAsync("smtp@example.org"))!.Reason);
        await using var db = _pipeline.Database.CreateContext();
        var kept = Assert.Single(await db.UnmatchedBounces.ToListAsync());
        Assert.Contains("not a valid unsubscribe address", kept.Why);
    }

    [Fact]
    public async Task AForgedTokenSuppressesNoOne()
    {
        await DeliveredAsync("p3", "safe@example.org");

        var result = await _service.UnsubscribeAsync("p3-aaaaaaaaaaaaaaaaaaaaaaaaaa", UnsubscribeChannel.Web);

        Assert.False(result.Accepted);
        Assert.Null(await _pipeline.Suppressions.FindActiveAsync("safe@example.org"));
    }

    [Theory]
    [InlineData("http://mail.shop.example", "key-that-is-long-enough-0123456789-abc")]
    [InlineData("https://mail.shop.example", "short")]
    [InlineData(null, "key-that-is-long-enough-0123456789-abc")]
    public void EnabledOptionsNeedAnHttpsAddressAndALongKey(string? url, string key)
    {
        var options = new UnsubscribeOptions { Enabled = true, PublicBaseUrl = url, SigningKey = key };

        Assert.NotNull(options.Problem());
        Assert.Null(new UnsubscribeOptions().Problem());
    }
}
