using System.Diagnostics;
using System.Text;
using Dashboard.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StandardWebhooks;

namespace Dashboard.Core.Webhooks;

/// <summary>
/// Sends the outbox: each due delivery is signed as Standard Webhooks define (webhook-id,
/// webhook-timestamp, webhook-signature: HMAC-SHA256 over "id.timestamp.body") and POSTed; a 2xx
/// answer delivers it, anything else retries with exponential backoff until the retry period ends.
/// Every attempt is logged. Pending rows survive a restart and are picked up again.
/// </summary>
public sealed class WebhookDispatcher(
    IDbContextFactory<DashboardDbContext> dbFactory,
    WebhookOutbox outbox,
    TimeProvider time,
    IOptions<WebhookOptions> options,
    ILogger<WebhookDispatcher> logger) : BackgroundService
{
    private const int ExcerptLength = 500;
    private readonly HttpClient _http = CreateClient(options.Value);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await SendDueAsync(stoppingToken) > 0)
                {
                }
                await outbox.WaitAsync(TimeSpan.FromSeconds(options.Value.PollSeconds), stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogError(e, "Sending webhooks failed; trying again shortly");
                await Task.Delay(TimeSpan.FromSeconds(options.Value.PollSeconds), time, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    /// <summary>Attempts every delivery that is due now, once; returns how many.</summary>
    public async Task<int> SendDueAsync(CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var due = await db.WebhookDeliveries.Include(d => d.Endpoint)
            .Where(d => d.State == WebhookDeliveryState.Pending && d.NextAttemptAt <= now)
            .OrderBy(d => d.NextAttemptAt).ThenBy(d => d.Id)
            .Take(20)
            .ToListAsync(cancellationToken);
        foreach (var delivery in due)
        {
            await AttemptAsync(db, delivery, cancellationToken);
        }
        return due.Count;
    }

    private async Task AttemptAsync(DashboardDbContext db, WebhookDelivery delivery, CancellationToken cancellationToken)
    {
        var o = options.Value;
        var endpoint = delivery.Endpoint!;
        var now = time.GetUtcNow();
        var watch = Stopwatch.StartNew();
        int? status = null;
        string excerpt;
        if (!endpoint.Enabled)
        {
            excerpt = "Not sent: the endpoint is disabled.";
        }
        else
        {
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, endpoint.Url)
                {
                    Content = new StringContent(delivery.Payload, Encoding.UTF8, "application/json"),
                };
                request.Headers.Add("webhook-id", delivery.EventId);
                request.Headers.Add("webhook-timestamp", now.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture));
                request.Headers.Add("webhook-signature", new StandardWebhook(endpoint.Secret).Sign(delivery.EventId, now, delivery.Payload));
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(TimeSpan.FromSeconds(o.TimeoutSeconds));
                using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
                status = (int)response.StatusCode;
                excerpt = await ReadExcerptAsync(response, timeout.Token);
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException && !cancellationToken.IsCancellationRequested)
            {
                excerpt = e is TaskCanceledException ? $"No answer within {o.TimeoutSeconds} s." : e.Message;
            }
        }
        watch.Stop();

        delivery.Attempts++;
        if (status is >= 200 and < 300)
        {
            delivery.State = WebhookDeliveryState.Delivered;
            delivery.CompletedAt = now;
        }
        else
        {
            var wait = TimeSpan.FromSeconds(Math.Min(3600, o.FirstRetrySeconds * Math.Pow(2, delivery.Attempts - 1)));
            var next = now + wait;
            if (!endpoint.Enabled || next > delivery.CreatedAt.AddHours(o.RetryForHours))
            {
                delivery.State = WebhookDeliveryState.Failed;
                delivery.CompletedAt = now;
            }
            else
            {
                delivery.NextAttemptAt = next;
            }
        }
        db.WebhookAttempts.Add(new WebhookAttempt
        {
            DeliveryId = delivery.Id,
            EndpointId = delivery.EndpointId,
            AttemptedAt = now,
            StatusCode = status,
            DurationMs = (int)Math.Min(int.MaxValue, watch.ElapsedMilliseconds),
            Excerpt = excerpt.Length > ExcerptLength ? excerpt[..ExcerptLength] : excerpt,
        });
        await db.SaveChangesAsync(CancellationToken.None);
    }

    private static async Task<string> ReadExcerptAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        var buffer = new char[ExcerptLength];
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var read = await reader.ReadBlockAsync(buffer, cancellationToken);
        return new string(buffer, 0, read);
    }

    private static HttpClient CreateClient(WebhookOptions o)
    {
        var handler = new SocketsHttpHandler
        {
            // A redirect could lead anywhere, past the address check: the endpoint's answer is final.
            AllowAutoRedirect = false,
            UseCookies = false,
            ConnectCallback = (context, cancellationToken) =>
                WebhookAddressGuard.ConnectAsync(context.DnsEndPoint.Host, context.DnsEndPoint.Port, o.AllowPrivateAddresses, cancellationToken),
        };
        return new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
    }

    public override void Dispose()
    {
        _http.Dispose();
        base.Dispose();
    }
}
