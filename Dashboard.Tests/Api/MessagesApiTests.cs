using System.Net;
using System.Text.Json;
using Dashboard.Core.Data;
using Dashboard.Core.Integrations;
using Dashboard.Core.Messages;
using Dashboard.Core.Suppressions;
using Dashboard.Core.Users;
using Dashboard.Core.Webhooks;
using Dashboard.Tests.Relay;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Api;

/// <summary>POST/GET /api/v1/messages through the real app, with real keys, into a real SMTP sink.</summary>
public sealed class MessagesApiTests
{
    private const string Message = """
        {"from":"orders@shop.example","to":["alice@example.com"],"cc":["carol@example.com"],"bcc":["audit@shop.example"],
         "reply_to":"help@shop.example","subject":"Your order","text":"Thanks!","html":"<p>Thanks!</p>",
         "headers":{"X-Order":"1234","List-Unsubscribe":"<mailto:unsub@shop.example>"},"tags":["receipt"],
         "attachments":[{"filename":"receipt.txt","content_type":"text/plain","content":"UmVjZWlwdCAxMjM0"}]}
        """;

    [Fact]
    public async Task PostStoresOneMessagePerRecipientAnswers202AndSendsWithBccOnlyInTheEnvelope()
    {
        await using var h = await RelayHarness.StartAsync();
        await h.App.Services.GetRequiredService<SuppressionService>().AddAsync(new AddSuppressionRequest("carol@example.com", SuppressionReason.SpamComplaint), Actor.System);
        var (client, _) = await h.KeyAsync(ApiScopes.Send | ApiScopes.Read);
        var dbFactory = h.App.Services.GetRequiredService<IDbContextFactory<DashboardDbContext>>();
        await using (var db = await dbFactory.CreateDbContextAsync())
        {
            db.WebhookEndpoints.Add(new WebhookEndpoint { Url = "https://hooks.example/in", Secret = "whsec_x", Events = WebhookEventTypes.Delivered });
            await db.SaveChangesAsync();
        }

        var response = await client.PostJsonAsync("/api/v1/messages", Message);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var answer = (await response.JsonAsync()).GetProperty("messages").EnumerateArray().ToList();
        Assert.Equal(["alice@example.com", "audit@shop.example", "carol@example.com"], answer.Select(a => a.GetProperty("to").GetString()).Order());
        var carol = answer.Single(a => a.GetProperty("to").GetString() == "carol@example.com");
        Assert.Equal("rejected", carol.GetProperty("status").GetString());
        Assert.Contains("spam complaint", carol.GetProperty("reason").GetString());
        Assert.All(answer.Where(a => a.GetProperty("to").GetString() != "carol@example.com"), a => Assert.Equal("queued", a.GetProperty("status").GetString()));
        var messages = await h.SettledMessagesAsync(3);
        Assert.Equal(MessageStatus.Rejected, messages.Single(m => m.Recipient == "carol@example.com").Status);
        Assert.All(messages.Where(m => m.Recipient != "carol@example.com"), m => Assert.Equal(MessageStatus.Delivered, m.Status));
        Assert.All(messages, m => Assert.Equal(("crm", MessageSource.Api, "receipt"), (m.SubmittedBy, m.Source, m.Tags)));
        // The message's tags travel with its webhook events.
        await using (var db = await dbFactory.CreateDbContextAsync())
        {
            var delivered = await db.WebhookDeliveries.AsNoTracking().Where(d => d.EventType == WebhookEventTypes.Delivered).ToListAsync();
            Assert.Equal(2, delivered.Count);
            Assert.All(delivered, d => Assert.Equal(["receipt"],
                JsonDocument.Parse(d.Payload).RootElement.GetProperty("data").GetProperty("tags").EnumerateArray().Select(t => t.GetString())));
        }
        var raw = System.Text.Encoding.UTF8.GetString(h.Sink.Received.First().Raw);
        Assert.Contains("X-Order: 1234", raw);
        Assert.Contains("Reply-To: help@shop.example", raw);
        Assert.Contains("receipt.txt", raw);
        Assert.DoesNotContain("audit@shop.example", raw);
        Assert.Equal(["alice@example.com", "audit@shop.example"], h.Sink.RecipientsSeen.Order());
    }

    [Fact]
    public async Task GetOneReturnsEveryEventAndTheListFiltersAndPagesWithACursor()
    {
        await using var h = await RelayHarness.StartAsync();
        var (client, _) = await h.KeyAsync(ApiScopes.Send | ApiScopes.Read);
        for (var i = 0; i < 5; i++)
        {
            var tag = i % 2 == 0 ? "even" : "odd";
            var sent = await client.PostJsonAsync("/api/v1/messages", $$"""{"from":"a@shop.example","to":["r{{i}}@example.com"],"subject":"n{{i}}","text":"x","tags":["{{tag}}"]}""");
            Assert.Equal(HttpStatusCode.Accepted, sent.StatusCode);
        }
        var messages = await h.SettledMessagesAsync(5);

        var one = await (await client.GetAsync($"/api/v1/messages/{messages[0].PublicId}")).JsonAsync();
        var page1 = await (await client.GetAsync("/api/v1/messages?tag=even&limit=2&source=api&status=delivered")).JsonAsync();
        var page2 = await (await client.GetAsync($"/api/v1/messages?tag=even&limit=2&source=api&status=delivered&cursor={page1.GetProperty("next_cursor").GetString()}")).JsonAsync();
        var missing = await client.GetAsync("/api/v1/messages/nosuchmessage");
        // A list of sources, a number or a list in one status: refused by name, never read as another value.
        var badSource = await client.GetAsync("/api/v1/messages?source=api,relay");
        var numericStatus = await client.GetAsync("/api/v1/messages?status=4");

        Assert.Equal(["queued", "sending", "delivered"], one.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("type").GetString()));
        var delivered = one.GetProperty("events")[2];
        Assert.Equal(250, delivered.GetProperty("reply_code").GetInt32());
        Assert.Equal("2.0.0 OK queued as 4F2A9C1B", delivered.GetProperty("response").GetString()![4..]);
        Assert.Equal("delivered", delivered.GetProperty("rule").GetString());
        Assert.Equal(["r4@example.com", "r2@example.com"], page1.GetProperty("data").EnumerateArray().Select(m => m.GetProperty("to").GetString()));
        Assert.Equal(["r0@example.com"], page2.GetProperty("data").EnumerateArray().Select(m => m.GetProperty("to").GetString()));
        Assert.Equal(JsonValueKind.Null, page2.GetProperty("next_cursor").ValueKind);
        Assert.Equal(["even"], page2.GetProperty("data")[0].GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Contains("is not a source", await badSource.FieldErrorAsync("source"));
        Assert.Contains("is not a status", await numericStatus.FieldErrorAsync("status"));
    }

    [Theory]
    [InlineData("""{"from":"a@shop.example","to":["x@example.com"],"text":"x","colour":"red"}""", "colour")]
    [InlineData("""{"from":"a@shop.example","to":["x@example.com","not an address"],"text":"x"}""", "to[1]")]
    [InlineData("""{"from":"","to":["x@example.com"],"text":"x"}""", "from")]
    [InlineData("""{"from":"a@shop.example","to":[],"text":"x"}""", "to")]
    [InlineData("""{"from":"a@shop.example","to":["x@example.com"],"subject":"a\r\nBcc: evil@example.com","text":"x"}""", "subject")]
    [InlineData("""{"from":"a@shop.example","to":["x@example.com"],"text":"x","headers":{"Bcc":"evil@example.com"}}""", "headers.Bcc")]
    [InlineData("""{"from":"a@shop.example","to":["x@example.com"],"text":"x","headers":{"X-Ok":"a\r\nBcc: evil@example.com"}}""", "headers.X-Ok")]
    [InlineData("""{"from":"a@shop.example","to":["x@example.com"],"text":"x","tags":["a","b","c","d"]}""", "tags")]
    [InlineData("""{"from":"a@shop.example","to":["x@example.com"],"text":"x","tags":["-launch"]}""", "tags")]
    [InlineData("""{"from":"a@shop.example","to":["x@example.com"],"text":"x","attachments":[{"filename":"a.bin","content":"***"}]}""", "attachments[0].content")]
    [InlineData("""{"from":"a@shop.example","to":"x@example.com","text":"x"}""", "to")]
    [InlineData("""{"from":"a@shop.example","to":["x@example.com"]}""", "text")]
    public async Task BadInputIsAProblemNamingTheFieldAndStoresNothing(string json, string field)
    {
        await using var h = await RelayHarness.StartAsync();
        var (client, _) = await h.KeyAsync(ApiScopes.Send);

        var response = await client.PostJsonAsync("/api/v1/messages", json);

        var message = await response.FieldErrorAsync(field);
        Assert.False(string.IsNullOrWhiteSpace(message));
        Assert.Empty(await h.MessagesAsync());
    }

    [Fact]
    public async Task AnOversizeBodyIs413()
    {
        await using var h = await RelayHarness.StartAsync(new() { ["Sending:MaxMessageBytes"] = "2048" });
        var (client, _) = await h.KeyAsync(ApiScopes.Send);
        var big = new string('x', 2 * 1024 * 1024);

        var response = await client.PostJsonAsync("/api/v1/messages", $$"""{"from":"a@shop.example","to":["x@example.com"],"text":"{{big}}"}""");
        var tooBigMime = await client.PostJsonAsync("/api/v1/messages", $$"""{"from":"a@shop.example","to":["x@example.com"],"text":"{{new string('y', 3000)}}"}""");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("limit is", await tooBigMime.FieldErrorAsync("text"));
        Assert.Empty(await h.MessagesAsync());
    }

    [Fact]
    public async Task NoKeyIs401AMissingScopeIs403AndARevokedKeyIs401()
    {
        await using var h = await RelayHarness.StartAsync();
        var (reader, _) = await h.KeyAsync(ApiScopes.Read, name: "reader");
        var (sender, _) = await h.KeyAsync(ApiScopes.Send, name: "sender");
        var anonymous = h.App.CreateClient();

        var none = await anonymous.GetAsync("/api/v1/messages");
        var noSendScope = await reader.PostJsonAsync("/api/v1/messages", """{"from":"a@shop.example","to":["x@example.com"],"text":"x"}""");
        var noSuppressionScope = await sender.GetAsync("/api/v1/suppressions");
        var keys = await h.Integrations.ListApiKeysAsync(Actor.System);
        await h.Integrations.RevokeApiKeyAsync(keys.Single(k => k.Name == "reader").Id, Actor.System);
        var revoked = await reader.GetAsync("/api/v1/messages");

        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Equal("Bearer", none.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Equal(HttpStatusCode.Forbidden, noSendScope.StatusCode);
        Assert.Contains("\"send\" scope", (await noSendScope.JsonAsync()).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, noSuppressionScope.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, revoked.StatusCode);
        Assert.Contains("revoked", (await revoked.JsonAsync()).GetProperty("detail").GetString());
        Assert.Empty(await h.MessagesAsync());
    }

    [Fact]
    public async Task OverTheKeysRateTheApiAnswers429WithRetryAfter()
    {
        await using var h = await RelayHarness.StartAsync();
        var (client, _) = await h.KeyAsync(ApiScopes.Read, rate: 2);
        var (other, _) = await h.KeyAsync(ApiScopes.Read, name: "other");

        var first = await client.GetAsync("/api/v1/messages");
        var second = await client.GetAsync("/api/v1/messages");
        var third = await client.GetAsync("/api/v1/messages");
        var otherKey = await other.GetAsync("/api/v1/messages");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal((HttpStatusCode)429, third.StatusCode);
        Assert.InRange(third.Headers.RetryAfter!.Delta!.Value.TotalSeconds, 1, 60);
        Assert.Equal("application/problem+json", third.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, otherKey.StatusCode);
    }

    [Fact]
    public async Task ARetryWithTheSameIdempotencyKeyGetsTheFirstAnswerAndSendsNothingTwice()
    {
        await using var h = await RelayHarness.StartAsync();
        var (client, _) = await h.KeyAsync(ApiScopes.Send);
        const string body = """{"from":"a@shop.example","to":["x@example.com","y@example.com"],"text":"once"}""";

        var first = await client.PostJsonAsync("/api/v1/messages", body, "order-1234");
        var retries = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => client.PostJsonAsync("/api/v1/messages", body, "order-1234")));
        var otherBody = await client.PostJsonAsync("/api/v1/messages", body.Replace("once", "twice"), "order-1234");

        var firstText = await first.Content.ReadAsStringAsync();
        Assert.All(retries, r => Assert.Equal(HttpStatusCode.Accepted, r.StatusCode));
        Assert.All(retries, r => Assert.Equal(firstText, r.Content.ReadAsStringAsync().Result));
        Assert.Equal((HttpStatusCode)422, otherBody.StatusCode);
        var messages = await h.SettledMessagesAsync(2);
        Assert.Equal(2, messages.Count);
        Assert.Equal(2, h.Sink.Received.Count);
    }
}
