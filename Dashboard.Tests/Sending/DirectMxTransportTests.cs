using System.Net;
using Dashboard.Core.Messages;
using Dashboard.Core.Sending;
using Dashboard.Core.Users;
using Dashboard.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Tests.Sending;

/// <summary>
/// The DirectMx transport through the real pipeline: a real DNS server and a real SMTP server on
/// loopback stand in for the recipient domains' DNS and mail servers.
/// </summary>
public sealed class DirectMxTransportTests : IAsyncLifetime
{
    private static readonly Actor Alice = new("alice", new HashSet<string> { Roles.Marketer });

    private readonly LoopbackSmtpServer _mx = new();
    private readonly LoopbackDnsServer _dns = new();
    private PipelineHarness _pipeline = null!;

    public Task InitializeAsync()
    {
        _pipeline = new PipelineHarness(h =>
        {
            h.Options.Transport = TransportKind.DirectMx;
            h.Options.DirectMx = new DirectMxOptions { Port = _mx.Port, NameServers = [_dns.Endpoint], DnsTimeoutSeconds = 2 };
            return new DirectMxTransport(Microsoft.Extensions.Options.Options.Create(h.Options), h.Clock);
        });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _pipeline.DisposeAsync();
        await _mx.DisposeAsync();
        await _dns.DisposeAsync();
    }

    private static SendRequest To(params string[] recipients) => new("news@shop.example", recipients, "March offers", "Hello there.", null);

    [Fact]
    public async Task DeliversToTheDomainsMxHost()
    {
        _dns.Mx("example.org", 10, "mx1.example.org").Address("mx1.example.org", IPAddress.Loopback);

        var result = await _pipeline.Send.SendAsync(To("bob@example.org"), Alice);

        var outcome = Assert.Single(result.Recipients);
        Assert.Equal(MessageStatus.Delivered, outcome.Status);
        Assert.Equal(["bob@example.org"], _mx.RecipientsSeen);
        Assert.Equal($"mx1.example.org:{_mx.Port}", await RemoteHostAsync(outcome.PublicId));
    }

    [Fact]
    public async Task AnMxThatCannotBeReachedPassesTheMessageToTheNextByPreference()
    {
        // 127.0.0.2 is loopback too, but nothing listens there: the connection is refused.
        _dns.Mx("example.org", 20, "mx2.example.org").Mx("example.org", 10, "mx1.example.org")
            .Address("mx1.example.org", IPAddress.Parse("127.0.0.2"))
            .Address("mx2.example.org", IPAddress.Loopback);

        var result = await _pipeline.Send.SendAsync(To("bob@example.org"), Alice);

        var outcome = Assert.Single(result.Recipients);
        Assert.Equal(MessageStatus.Delivered, outcome.Status);
        Assert.Equal($"mx2.example.org:{_mx.Port}", await RemoteHostAsync(outcome.PublicId));
        Assert.Single(_mx.Received);
    }

    [Fact]
    public async Task ARefusalFromTheFirstMxIsFinal()
    {
        _dns.Mx("example.org", 10, "mx1.example.org").Address("mx1.example.org", IPAddress.Loopback);
        _mx.OnRecipient = _ => LoopbackSmtpServer.Reply(550, "5.1.1 The email account that you tried to reach does not exist");

        var result = await _pipeline.Send.SendAsync(To("gone@example.org"), Alice);

        var outcome = Assert.Single(result.Recipients);
        Assert.Equal(MessageStatus.HardBounced, outcome.Status);
        Assert.Equal("userunknown", outcome.Reason);
        Assert.Empty(_mx.Received);
    }

    [Fact]
    public async Task ADomainWithoutMxIsDeliveredToItsOwnAddress()
    {
        _dns.Address("example.net", IPAddress.Loopback);

        var result = await _pipeline.Send.SendAsync(To("carol@example.net"), Alice);

        Assert.Equal(MessageStatus.Delivered, Assert.Single(result.Recipients).Status);
        Assert.Equal(["carol@example.net"], _mx.RecipientsSeen);
    }

    [Fact]
    public async Task ADomainThatDoesNotExistIsAHardBounceWithoutAnySession()
    {
        var result = await _pipeline.Send.SendAsync(To("dave@no-such-domain.example"), Alice);

        var outcome = Assert.Single(result.Recipients);
        Assert.Equal(MessageStatus.HardBounced, outcome.Status);
        Assert.Equal("hostunknown", outcome.Reason);
        Assert.Null(outcome.ReplyCode);
        Assert.Contains("does not exist (DNS answered NXDOMAIN", outcome.Response);
        Assert.Equal(0, _mx.Sessions);
        Assert.Contains("no-such-domain.example 15", _dns.Questions);
    }

    [Fact]
    public async Task ANullMxIsAHardBounce()
    {
        _dns.NullMx("nomail.example").Address("nomail.example", IPAddress.Loopback);

        var result = await _pipeline.Send.SendAsync(To("erin@nomail.example"), Alice);

        var outcome = Assert.Single(result.Recipients);
        Assert.Equal(MessageStatus.HardBounced, outcome.Status);
        Assert.Equal("hostunknown", outcome.Reason);
        Assert.Contains("null MX (RFC 7505)", outcome.Response);
        Assert.Equal(0, _mx.Sessions);
    }

    [Fact]
    public async Task RecipientsOfSeveralDomainsEachGoToTheirOwnServers()
    {
        _dns.Mx("example.org", 10, "mx1.example.org").Address("mx1.example.org", IPAddress.Loopback)
            .Address("example.net", IPAddress.Loopback);

        var result = await _pipeline.Send.SendAsync(To("bob@example.org", "carol@example.net", "dave@no-such-domain.example"), Alice);

        var byAddress = result.Recipients.ToDictionary(r => r.Recipient, r => r.Status);
        Assert.Equal(MessageStatus.Delivered, byAddress["bob@example.org"]);
        Assert.Equal(MessageStatus.Delivered, byAddress["carol@example.net"]);
        Assert.Equal(MessageStatus.HardBounced, byAddress["dave@no-such-domain.example"]);
    }

    [Fact]
    public async Task AnAddressLiteralGoesToThatAddressWithoutDns()
    {
        var result = await _pipeline.Send.SendAsync(To("frank@[127.0.0.1]"), Alice);

        Assert.Equal(MessageStatus.Delivered, Assert.Single(result.Recipients).Status);
        Assert.Equal(["frank@[127.0.0.1]"], _mx.RecipientsSeen);
        Assert.Empty(_dns.Questions);
    }

    [Fact]
    public async Task IdleConnectionsToServersNotMailedAgainAreClosed()
    {
        _dns.Mx("example.org", 10, "mx1.example.org").Address("mx1.example.org", IPAddress.Loopback)
            .Address("example.net", IPAddress.Loopback);
        var transport = (DirectMxTransport)_pipeline.Transport;
        await _pipeline.Send.SendAsync(To("bob@example.org"), Alice);
        var heldAfterFirst = transport.IdleConnections;

        _pipeline.Clock.Advance(TimeSpan.FromMinutes(3));
        await _pipeline.Send.SendAsync(To("carol@example.net"), Alice);

        Assert.Equal(1, heldAfterFirst);
        // example.org's connection is gone; only example.net's fresh one is kept.
        Assert.Equal(1, transport.IdleConnections);
    }

    private async Task<string?> RemoteHostAsync(string publicId)
    {
        await using var db = _pipeline.Database.CreateContext();
        return await db.MessageEvents
            .Where(e => e.Message!.PublicId == publicId && e.Type == MessageEventType.Delivered)
            .Select(e => e.RemoteHost)
            .SingleAsync();
    }
}
