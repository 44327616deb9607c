using System.Text;
using Dashboard.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Tests.Inbound;

/// <summary>Issue 9 §3: the inbound listener's limits hold against clients that do not play along, over real SMTP sessions.</summary>
public sealed class InboundLimitsTests : IAsyncLifetime
{
    private const int Limit = 64 * 1024;
    private readonly LoopbackSmtpServer _relay = new();
    private PipelineHarness _pipeline = null!;
    private InboundHarness _inbound = null!;

    public Task InitializeAsync()
    {
        _pipeline = new PipelineHarness(PipelineHarness.Smarthost(_relay.Port), signedReturnPath: true);
        _inbound = new InboundHarness(_pipeline, o =>
        {
            o.MaxMessageBytes = Limit;
            o.MaxSessionsPerAddress = 2;
        });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _inbound.DisposeAsync();
        await _pipeline.DisposeAsync();
        await _relay.DisposeAsync();
    }

    private Task<RawSmtpClient> ConnectAsync() => RawSmtpClient.ConnectAsync(_inbound.Server.Address, _inbound.Server.Port);

    [Fact]
    public async Task AMessageStreamedPastTheLimitWithoutDeclaringItsSizeIsRefusedWith552AndNotReadToTheEnd()
    {
        await using var client = await ConnectAsync();
        await client.ReadReplyAsync();
        await client.CommandAsync("EHLO hostile.test");
        await client.CommandAsync("MAIL FROM:<mailer-daemon@hostile.test>");
        await client.CommandAsync("RCPT TO:<postmaster@bounces.shop.example>");
        var startData = await client.CommandAsync("DATA");
        var line = Encoding.ASCII.GetBytes(new string('x', 998) + "\r\n");
        const long total = 200L * 1024 * 1024;
        long written = 0;

        try
        {
            while (written < total)
            {
                await client.Stream.WriteAsync(line);
                written += line.Length;
            }
            await client.Stream.WriteAsync(".\r\n"u8.ToArray());
        }
        catch (IOException)
        {
            // The server stopped reading and closed the connection: what it should do.
        }
        var reply = await client.ReadReplyAsync();

        Assert.StartsWith("354", startData);
        Assert.StartsWith("552", reply);
        Assert.True(written < total, $"the server read all {written:N0} bytes of a message over its {Limit:N0}-byte limit");
        Assert.Null(await client.ReadReplyAsync());
        await using var db = _pipeline.Database.CreateContext();
        Assert.Equal(0, await db.UnmatchedBounces.CountAsync());
    }

    [Fact]
    public async Task AMessageWithinTheLimitIsStillAccepted()
    {
        var raw = InboundHarness.PostfixDsn("postmaster@bounces.shop.example", "who@destination.test", "nobody@shop.example", "550 5.1.1 User unknown");

        await _inbound.DeliverAsync(raw, "postmaster@bounces.shop.example");

        await using var db = _pipeline.Database.CreateContext();
        Assert.Equal(1, await db.UnmatchedBounces.CountAsync());
    }

    [Fact]
    public async Task AnIdleSessionIsClosed()
    {
        await using var idle = new InboundHarness(_pipeline, o => o.IdleTimeoutSeconds = 1);
        await using var client = await RawSmtpClient.ConnectAsync(idle.Server.Address, idle.Server.Port);
        var greeting = await client.ReadReplyAsync();

        var afterIdling = await client.ReadReplyAsync(TimeSpan.FromSeconds(30));

        Assert.StartsWith("220", greeting);
        // Closed by the server (SmtpServer says "221 Timeout while waiting for input"), not by our wait running out.
        Assert.True(afterIdling is null || afterIdling.Contains("Timeout", StringComparison.OrdinalIgnoreCase), afterIdling);
        Assert.Null(await client.ReadReplyAsync(TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public async Task ASessionThatKeepsTalkingOutlastsTheIdleTimeout()
    {
        // Gaps far inside the timeout (a loaded machine, CI running tests side by side on 2 cores, stretches
        // a delay and holds up the server's reads by seconds), a session well beyond it.
        await using var idle = new InboundHarness(_pipeline, o => o.IdleTimeoutSeconds = 5);
        await using var client = await RawSmtpClient.ConnectAsync(idle.Server.Address, idle.Server.Port);
        await client.ReadReplyAsync();
        var replies = new List<string?>();

        for (var i = 0; i < 15; i++)
        {
            await Task.Delay(500);
            replies.Add(await client.CommandAsync("NOOP"));
        }

        Assert.All(replies, r => Assert.StartsWith("250", r));
    }

    [Fact]
    public async Task OneAddressMayHoldOnlySoManySessionsAndASlotFreesWhenOneEnds()
    {
        var first = await ConnectAsync();
        await using var second = await ConnectAsync();
        await using var third = await ConnectAsync();
        var greetings = new[] { await first.ReadReplyAsync(), await second.ReadReplyAsync() };
        var refused = await third.ReadReplyAsync();

        await first.CommandAsync("QUIT");
        await first.DisposeAsync();
        string? again = null;
        for (var attempt = 0; attempt < 50 && again?.StartsWith("220") != true; attempt++)
        {
            await using var retry = await ConnectAsync();
            again = await retry.ReadReplyAsync();
            if (again?.StartsWith("220") != true)
            {
                await Task.Delay(100);
            }
        }

        Assert.All(greetings, g => Assert.StartsWith("220", g));
        Assert.StartsWith("421", refused);
        Assert.StartsWith("220", again);
    }
}
