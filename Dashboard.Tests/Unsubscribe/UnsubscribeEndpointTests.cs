using System.Net;
using Dashboard.Core.Messages;
using Dashboard.Core.Suppressions;
using Dashboard.Core.Unsubscribe;
using Dashboard.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Unsubscribe;

/// <summary>The one-click link through the real app: no sign-in, the signature checked, GET never unsubscribes.</summary>
public sealed class UnsubscribeEndpointTests : IAsyncLifetime
{
    private readonly DashboardWebFactory _factory = new();

    public Task InitializeAsync()
    {
        _factory.Settings["Unsubscribe:Enabled"] = "true";
        _factory.Settings["Unsubscribe:PublicBaseUrl"] = "https://mail.shop.example";
        _factory.Settings["Unsubscribe:SigningKey"] = "unsubscribe-key-for-the-endpoint-tests-0123456789";
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    private async Task<string> DeliveredAsync(string recipient)
    {
        var publicId = Guid.NewGuid().ToString("N");
        var now = DateTimeOffset.UtcNow;
        await _factory.Services.GetRequiredService<MessageLedger>().WriteAsync(async tx =>
        {
            var message = new Message
            {
                PublicId = publicId, SubmissionId = publicId, Sender = "news@shop.example", Recipient = recipient, RecipientDomain = "example.org", CreatedAt = now,
            };
            message.Queue("system", "Submitted", now);
            message.StartSending("smarthost", now);
            tx.Db.Messages.Add(message);
            await tx.RecordReplyAsync(message, new Dashboard.Core.Sending.RecipientReply(recipient, 250, "2.0.0", "2.0.0 OK", "mx"), viaRelay: false, now);
        }, CancellationToken.None);
        return publicId;
    }

    [Fact]
    public async Task GetConfirmsAndPostUnsubscribesWithoutSigningIn()
    {
        using var client = _factory.CreateClient(new() { AllowAutoRedirect = false });
        var publicId = await DeliveredAsync("reader@example.org");
        var url = new Uri(_factory.Services.GetRequiredService<UnsubscribeSigner>().UrlFor(publicId)).PathAndQuery;
        var suppressions = _factory.Services.GetRequiredService<SuppressionService>();

        using var page = await client.GetAsync(url);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("reader@example.org", html);
        Assert.Contains("<form method=\"post\"", html);
        Assert.False(await suppressions.IsSuppressedAsync("reader@example.org"));

        // What a mailbox provider sends for RFC 8058: a form post with this one field, no cookies, no token.
        using var post = await client.PostAsync(url, new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]));

        Assert.Equal(HttpStatusCode.OK, post.StatusCode);
        Assert.Equal(SuppressionReason.Unsubscribe, (await suppressions.FindActiveAsync("reader@example.org"))!.Reason);
    }

    [Fact]
    public async Task AForgedLinkIsNotFoundAndChangesNothing()
    {
        using var client = _factory.CreateClient(new() { AllowAutoRedirect = false });
        var publicId = await DeliveredAsync("safe@example.org");

        using var get = await client.GetAsync($"/unsubscribe/{publicId}-aaaaaaaaaaaaaaaaaaaaaaaaaa");
        using var post = await client.PostAsync($"/unsubscribe/{publicId}-aaaaaaaaaaaaaaaaaaaaaaaaaa",
            new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]));

        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        Assert.False(await _factory.Services.GetRequiredService<SuppressionService>().IsSuppressedAsync("safe@example.org"));
    }

    [Fact]
    public async Task TheSuppressionExportNeedsASignedInUser()
    {
        using var client = _factory.CreateClient(new() { AllowAutoRedirect = false });

        using var response = await client.GetAsync("/api/suppressions/export.csv");

        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
    }
}
