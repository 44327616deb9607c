using System.Text.Json;
using Dashboard.Core.Messages;
using Dashboard.Core.Sending;
using Dashboard.Core.Users;
using Dashboard.Core.Webhooks;
using Dashboard.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Tests.Webhooks;

public sealed class WebhookOutboxPipelineTests : IAsyncLifetime
{
    private readonly LoopbackSmtpServer _server = new();
    private PipelineHarness _pipeline = default!;

    public Task InitializeAsync()
    {
        _pipeline = new PipelineHarness(PipelineHarness.Smarthost(_server.Port));
        return Task.CompletedTask;
    }

    [Fact]
    public async Task AHardBounceQueuesItsEventAndTheSuppressionItCausedInTheSameSave()
    {
        await using (var db = _pipeline.Database.CreateContext())
        {
            db.WebhookEndpoints.Add(new WebhookEndpoint
            {
                Url = "https://hooks.example/in",
                Secret = "whsec_" + Convert.ToBase64String(new byte[32]),
                Events = $"{WebhookEventTypes.HardBounce} {WebhookEventTypes.SuppressionAdded}",
            });
            db.WebhookEndpoints.Add(new WebhookEndpoint { Url = "https://hooks.example/delivered-only", Secret = "whsec_x", Events = WebhookEventTypes.Delivered });
            await db.SaveChangesAsync();
        }
        _server.OnRecipient = _ => LoopbackSmtpServer.Reply(550, "5.1.1 <gone@example.com>: Recipient address rejected: User unknown in virtual mailbox table");

        var result = await _pipeline.Send.SendAsync(new SendRequest("news@shop.example", ["gone@example.com"], "Hi", "Hello", null), Actor.System);

        await using var check = _pipeline.Database.CreateContext();
        var deliveries = await check.WebhookDeliveries.OrderBy(d => d.Id).ToListAsync();
        Assert.Equal([WebhookEventTypes.HardBounce, WebhookEventTypes.SuppressionAdded], deliveries.Select(d => d.EventType));
        Assert.All(deliveries, d => Assert.Equal(1, d.EndpointId));
        using var payload = JsonDocument.Parse(deliveries[0].Payload);
        var data = payload.RootElement.GetProperty("data");
        Assert.Equal(result.Recipients[0].PublicId, data.GetProperty("message_id").GetString());
        Assert.Equal("gone@example.com", data.GetProperty("recipient").GetString());
        Assert.Equal("userunknown", data.GetProperty("verdict").GetProperty("reason").GetString());
        Assert.True(data.GetProperty("verdict").GetProperty("is_hard").GetBoolean());
        Assert.Contains("User unknown in virtual mailbox table", data.GetProperty("response").GetString());
        Assert.Equal(JsonValueKind.Array, data.GetProperty("tags").ValueKind);
        Assert.Equal("gone@example.com", JsonDocument.Parse(deliveries[1].Payload).RootElement.GetProperty("data").GetProperty("value").GetString());
    }

    public async Task DisposeAsync()
    {
        await _pipeline.DisposeAsync();
        await _server.DisposeAsync();
    }
}
