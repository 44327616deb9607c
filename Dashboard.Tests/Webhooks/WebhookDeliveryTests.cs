using Dashboard.Core.Alerts;
using Dashboard.Core.Data;
using Dashboard.Core.Users;
using Dashboard.Core.Webhooks;
using Dashboard.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using StandardWebhooks;

namespace Dashboard.Tests.Webhooks;

public sealed class WebhookDeliveryTests : IDisposable
{
    private static readonly Actor Admin = new("admin@example.test", new HashSet<string> { Roles.Admin });

    private readonly TestDatabase _database = new();
    // The verifier checks the timestamp against the real clock: start the fake one at real time.
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private readonly WebhookOptions _options = new() { AllowPrivateAddresses = true, FirstRetrySeconds = 30 };

    [Fact]
    public async Task PayloadsAreSignedAsStandardWebhooksDefine()
    {
        using var receiver = new LoopbackWebhookReceiver(200);
        var endpoint = await Endpoints().CreateAsync(new WebhookEndpointRequest(receiver.Url, [WebhookEventTypes.HardBounce]), Admin);

        await Endpoints().SendTestAsync(endpoint.Id, Admin);
        await Dispatcher().SendDueAsync();

        var (headers, body) = Assert.Single(receiver.Requests);
        new StandardWebhook(endpoint.Secret).Verify(body, headers);
        Assert.StartsWith("msg_", headers["webhook-id"].ToString());
        Assert.Contains("\"type\":\"test\"", body);
        var forged = new StandardWebhook("whsec_" + Convert.ToBase64String(new byte[32]));
        Assert.ThrowsAny<Exception>(() => forged.Verify(body, headers));
        Assert.ThrowsAny<Exception>(() => new StandardWebhook(endpoint.Secret).Verify(body.Replace("test", "tost"), headers));
    }

    [Fact]
    public async Task AFailingReceiverIsRetriedWithGrowingWaitsUntilItAnswers()
    {
        using var receiver = new LoopbackWebhookReceiver(500, 503, 204);
        var endpoint = await Endpoints().CreateAsync(new WebhookEndpointRequest(receiver.Url, [WebhookEventTypes.AlertOpened]), Admin);
        await Endpoints().SendTestAsync(endpoint.Id, Admin);
        var dispatcher = Dispatcher();

        await dispatcher.SendDueAsync();
        _clock.Advance(TimeSpan.FromSeconds(29));
        var tooEarly = await dispatcher.SendDueAsync();
        _clock.Advance(TimeSpan.FromSeconds(1));
        await dispatcher.SendDueAsync();
        _clock.Advance(TimeSpan.FromSeconds(59));
        var stillTooEarly = await dispatcher.SendDueAsync();
        _clock.Advance(TimeSpan.FromSeconds(1));
        await dispatcher.SendDueAsync();

        Assert.Equal(0, tooEarly);
        Assert.Equal(0, stillTooEarly);
        Assert.Equal(3, receiver.Requests.Count);
        // The same id every time, each attempt signed afresh and valid.
        Assert.Single(receiver.Requests.Select(r => r.Headers["webhook-id"].ToString()).Distinct());
        Assert.All(receiver.Requests, r => new StandardWebhook(endpoint.Secret).Verify(r.Body, r.Headers));
        var log = await Endpoints().ListAttemptsAsync(endpoint.Id, Admin);
        Assert.Equal([204, 503, 500], log.Select(a => a.StatusCode));
        Assert.Equal([3, 2, 1], log.Select(a => a.Attempt));
        Assert.Equal("receiver says no", log[^1].Excerpt);
        Assert.All(log, a => Assert.Equal(WebhookDeliveryState.Delivered, a.State));
    }

    [Fact]
    public async Task ADeliveryIsGivenUpAfterTheRetryPeriod()
    {
        using var receiver = new LoopbackWebhookReceiver(Enumerable.Repeat(500, 100).ToArray());
        _options.RetryForHours = 0.5;
        var endpoint = await Endpoints().CreateAsync(new WebhookEndpointRequest(receiver.Url, [WebhookEventTypes.AlertOpened]), Admin);
        await Endpoints().SendTestAsync(endpoint.Id, Admin);
        var dispatcher = Dispatcher();

        for (var i = 0; i < 20; i++)
        {
            await dispatcher.SendDueAsync();
            _clock.Advance(TimeSpan.FromMinutes(5));
        }

        var log = await Endpoints().ListAttemptsAsync(endpoint.Id, Admin);
        Assert.All(log, a => Assert.Equal(WebhookDeliveryState.Failed, a.State));
        Assert.InRange(log.Count, 5, 7); // 30 s, 1, 2, 4, 8, 16 min … until half an hour has passed
    }

    [Fact]
    public async Task TheOutboxSurvivesARestart()
    {
        using var receiver = new LoopbackWebhookReceiver(200);
        var endpoint = await Endpoints().CreateAsync(new WebhookEndpointRequest(receiver.Url, [WebhookEventTypes.AlertOpened]), Admin);
        await using (var db = _database.CreateContext())
        {
            // Queued in a transaction by one process, which then stops before sending anything.
            await new WebhookOutbox(_clock).AddAsync(db, WebhookEventTypes.AlertOpened, new { Rule = "BounceRate" });
            await db.SaveChangesAsync();
        }

        // A new process: new services, the same database.
        var restarted = new WebhookDispatcher(_database.Factory, new WebhookOutbox(_clock), _clock, Options.Create(_options), NullLogger<WebhookDispatcher>.Instance);
        await restarted.SendDueAsync();

        var (headers, body) = Assert.Single(receiver.Requests);
        Assert.Contains("\"rule\":\"BounceRate\"", body);
        new StandardWebhook(endpoint.Secret).Verify(body, headers);
    }

    [Fact]
    public async Task AnOutboxRowIsNotKeptWhenItsTransactionRollsBack()
    {
        await Endpoints().CreateAsync(new WebhookEndpointRequest("https://hooks.example/a", [WebhookEventTypes.AlertOpened]), Admin);
        await using (var db = _database.CreateContext())
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            await new WebhookOutbox(_clock).AddAsync(db, WebhookEventTypes.AlertOpened, new { });
            await db.SaveChangesAsync();
            await transaction.RollbackAsync();
        }

        await using var check = _database.CreateContext();
        Assert.Empty(await check.WebhookDeliveries.ToListAsync());
    }

    [Theory]
    [InlineData("http://127.0.0.1:8080/hook")]
    [InlineData("http://localhost/hook")]
    [InlineData("http://10.1.2.3/hook")]
    [InlineData("http://192.168.0.10/hook")]
    [InlineData("http://169.254.169.254/latest/meta-data")]
    [InlineData("http://[::1]/hook")]
    [InlineData("ftp://hooks.example/x")]
    [InlineData("https://user:pw@hooks.example/x")]
    public async Task InternalAddressesAndBadUrlsAreRefusedUnlessAllowed(string url)
    {
        _options.AllowPrivateAddresses = false;

        var error = await Assert.ThrowsAsync<WebhookValidationException>(() => Endpoints().CreateAsync(new WebhookEndpointRequest(url, [WebhookEventTypes.Delivered]), Admin));

        Assert.False(string.IsNullOrWhiteSpace(error.Message));
    }

    [Fact]
    public async Task AnEndpointThatTurnsOutToBeInternalIsRefusedAtConnectionTime()
    {
        using var receiver = new LoopbackWebhookReceiver(200);
        var endpoint = await Endpoints().CreateAsync(new WebhookEndpointRequest(receiver.Url, [WebhookEventTypes.Delivered]), Admin);
        await Endpoints().SendTestAsync(endpoint.Id, Admin);
        _options.AllowPrivateAddresses = false;

        await Dispatcher().SendDueAsync();

        Assert.Empty(receiver.Requests);
        var attempt = Assert.Single(await Endpoints().ListAttemptsAsync(endpoint.Id, Admin));
        Assert.Null(attempt.StatusCode);
        Assert.Contains("private", attempt.Excerpt);
    }

    [Fact]
    public async Task OnlyAdminsManageEndpoints()
    {
        var marketer = new Actor("ann@example.test", new HashSet<string> { Roles.Marketer });

        await Assert.ThrowsAsync<ForbiddenException>(() => Endpoints().ListAsync(marketer));
        await Assert.ThrowsAsync<ForbiddenException>(() => Endpoints().CreateAsync(new WebhookEndpointRequest("https://hooks.example/", [WebhookEventTypes.Delivered]), marketer));
    }

    private WebhookEndpointService Endpoints() => new(_database.Factory, new WebhookOutbox(_clock), _clock, Options.Create(_options));

    private WebhookDispatcher Dispatcher() => new(_database.Factory, new WebhookOutbox(_clock), _clock, Options.Create(_options), NullLogger<WebhookDispatcher>.Instance);

    public void Dispose() => _database.Dispose();
}
