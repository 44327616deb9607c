using Dashboard.Core.Classification;
using Dashboard.Core.Messages;
using Dashboard.Core.Sending;
using Dashboard.Core.Suppressions;
using Dashboard.Core.Users;
using Dashboard.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Tests.Suppressions;

public sealed class SuppressionRulesTests : IAsyncLifetime
{
    private readonly LoopbackSmtpServer _server = new();
    private PipelineHarness _pipeline = null!;

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

    private Task<SendResult> SendAsync(string to) =>
        _pipeline.Send.SendAsync(new SendRequest("news@shop.example", [to], "Weekly news", "Hello", null), Actor.Demo);

    [Fact]
    public async Task HardBounceSuppressesTheAddressForExactlySevenDays()
    {
        _server.OnRecipient = _ => LoopbackSmtpServer.Reply(550, "5.1.1 User unknown");
        await SendAsync("gone@example.com");
        _server.OnRecipient = _ => null;

        _pipeline.Clock.Advance(TimeSpan.FromDays(7) - TimeSpan.FromTicks(1));
        var activeJustBefore = await _pipeline.Suppressions.IsSuppressedAsync("gone@example.com");
        _pipeline.Clock.Advance(TimeSpan.FromTicks(1));
        var activeAtSevenDays = await _pipeline.Suppressions.IsSuppressedAsync("gone@example.com");
        var swept = await _pipeline.Suppressions.SweepExpiredAsync();
        var resent = await SendAsync("gone@example.com");

        Assert.True(activeJustBefore);
        Assert.False(activeAtSevenDays);
        Assert.Equal(1, swept);
        Assert.Equal(MessageStatus.Delivered, Assert.Single(resent.Recipients).Status);
        var history = await _pipeline.Suppressions.HistoryAsync("gone@example.com");
        Assert.Equal([SuppressionHistoryAction.Expired, SuppressionHistoryAction.Added], history.Items.Select(h => h.Action));
        Assert.Equal(PipelineHarness.Start.AddDays(7), history.Items[0].OccurredAt);
        Assert.Equal(SuppressionReason.HardBounce, history.Items[0].Reason);
        Assert.Equal(0, await _pipeline.Suppressions.SweepExpiredAsync());
    }

    [Fact]
    public async Task WhileSuppressedTheAddressIsRejectedWithoutContactingTheServer()
    {
        _server.OnRecipient = _ => LoopbackSmtpServer.Reply(550, "5.1.1 User unknown");
        await SendAsync("gone@example.com");
        _pipeline.Clock.Advance(TimeSpan.FromDays(3));

        var again = await SendAsync("gone@example.com");

        Assert.Equal(MessageStatus.Rejected, Assert.Single(again.Recipients).Status);
        Assert.Single(_server.RecipientsSeen);
    }

    [Fact]
    public async Task TenSoftBouncesInARowSuppressTheAddressLikeAHardBounce()
    {
        _server.OnRecipient = _ => LoopbackSmtpServer.Reply(452, "4.2.2 Recipient address rejected: Mailbox full");

        for (var i = 0; i < 9; i++)
        {
            await SendAsync("full@example.com");
        }
        var afterNine = await _pipeline.Suppressions.FindActiveAsync("full@example.com");
        await SendAsync("full@example.com");
        var afterTen = await _pipeline.Suppressions.FindActiveAsync("full@example.com");

        Assert.Null(afterNine);
        Assert.NotNull(afterTen);
        Assert.Equal(SuppressionReason.SoftBounceStreak, afterTen.Reason);
        Assert.Equal(PipelineHarness.Start.AddDays(7), afterTen.ExpiresAt);
        await using var db = _pipeline.Database.CreateContext();
        Assert.Equal(10, await db.Messages.CountAsync(m => m.Status == MessageStatus.SoftBounced));
    }

    [Fact]
    public async Task ADeliveryResetsTheSoftBounceStreak()
    {
        _server.OnRecipient = _ => LoopbackSmtpServer.Reply(452, "4.2.2 Recipient address rejected: Mailbox full");
        for (var i = 0; i < 9; i++)
        {
            await SendAsync("full@example.com");
        }
        _server.OnRecipient = _ => null;
        await SendAsync("full@example.com");
        _server.OnRecipient = _ => LoopbackSmtpServer.Reply(452, "4.2.2 Recipient address rejected: Mailbox full");

        for (var i = 0; i < 9; i++)
        {
            await SendAsync("full@example.com");
        }

        Assert.False(await _pipeline.Suppressions.IsSuppressedAsync("full@example.com"));
    }

    [Fact]
    public async Task SoftBouncesAboutOurMailNotTheAddressDoNotCountTowardsTheStreak()
    {
        var blocked = new Verdict(Outcome.SoftBounce, "blocked", false, "test", "blocked using", "Get delisted.");
        await using var db = _pipeline.Database.CreateContext();
        var message = new Message
        {
            PublicId = "p1", SubmissionId = "s1", Sender = "news@shop.example", Recipient = "fine@example.com", RecipientDomain = "example.com",
        };
        db.Messages.Add(message);
        await db.SaveChangesAsync();

        for (var i = 0; i < 12; i++)
        {
            await _pipeline.Rules.ApplyResultAsync(db, message, blocked, _pipeline.Clock.GetUtcNow(), "test", CancellationToken.None);
            await db.SaveChangesAsync();
        }

        Assert.False(await _pipeline.Suppressions.IsSuppressedAsync("fine@example.com"));
    }

    [Fact]
    public async Task TheStreakLimitComesFromTheOptions()
    {
        _pipeline.Options.SoftBounceStreakLimit = 3;
        _server.OnRecipient = _ => LoopbackSmtpServer.Reply(452, "4.2.2 Mailbox full");

        for (var i = 0; i < 3; i++)
        {
            await SendAsync("full@example.com");
        }

        Assert.True(await _pipeline.Suppressions.IsSuppressedAsync("full@example.com"));
    }
}
