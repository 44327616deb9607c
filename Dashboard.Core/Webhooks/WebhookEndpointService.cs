using System.Security.Cryptography;
using Dashboard.Core.Data;
using Dashboard.Core.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Dashboard.Core.Webhooks;

/// <summary>Admins manage webhook endpoints here: add, change, enable, remove, send a test event, read the delivery log.</summary>
public sealed class WebhookEndpointService(
    IDbContextFactory<DashboardDbContext> dbFactory,
    WebhookOutbox outbox,
    TimeProvider time,
    IOptions<WebhookOptions> options)
{
    /// <summary>Every endpoint, newest first. Admins only (the secrets are in them).</summary>
    public async Task<IReadOnlyList<WebhookEndpoint>> ListAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        actor.RequireAdmin("manage webhooks");
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.WebhookEndpoints.AsNoTracking().OrderByDescending(e => e.Id).ToListAsync(cancellationToken);
    }

    /// <summary>Adds an endpoint with a new random secret.</summary>
    /// <exception cref="WebhookValidationException">A bad URL, an internal address, or no known event.</exception>
    public async Task<WebhookEndpoint> CreateAsync(WebhookEndpointRequest request, Actor actor, CancellationToken cancellationToken = default)
    {
        actor.RequireAdmin("manage webhooks");
        var (url, events) = await ValidateAsync(request, cancellationToken);
        var endpoint = new WebhookEndpoint
        {
            Url = url,
            Events = events,
            Description = request.Description?.Trim() ?? "",
            Secret = NewSecret(),
            CreatedAt = time.GetUtcNow(),
            CreatedBy = actor.Name,
        };
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        db.WebhookEndpoints.Add(endpoint);
        await db.SaveChangesAsync(cancellationToken);
        return endpoint;
    }

    /// <summary>Changes an endpoint's URL, events and description (the secret stays).</summary>
    public async Task UpdateAsync(long id, WebhookEndpointRequest request, Actor actor, CancellationToken cancellationToken = default)
    {
        actor.RequireAdmin("manage webhooks");
        var (url, events) = await ValidateAsync(request, cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var endpoint = await FindAsync(db, id, cancellationToken);
        endpoint.Url = url;
        endpoint.Events = events;
        endpoint.Description = request.Description?.Trim() ?? "";
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Pauses or resumes an endpoint; deliveries due while it is disabled are given up.</summary>
    public async Task SetEnabledAsync(long id, bool enabled, Actor actor, CancellationToken cancellationToken = default)
    {
        actor.RequireAdmin("manage webhooks");
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        (await FindAsync(db, id, cancellationToken)).Enabled = enabled;
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Removes an endpoint with its outbox rows and delivery log.</summary>
    public async Task DeleteAsync(long id, Actor actor, CancellationToken cancellationToken = default)
    {
        actor.RequireAdmin("manage webhooks");
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.WebhookAttempts.Where(a => a.EndpointId == id).ExecuteDeleteAsync(cancellationToken);
        await db.WebhookDeliveries.Where(d => d.EndpointId == id).ExecuteDeleteAsync(cancellationToken);
        await db.WebhookEndpoints.Where(e => e.Id == id).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>Queues a "test" event for this endpoint alone and wakes the sender.</summary>
    public async Task SendTestAsync(long id, Actor actor, CancellationToken cancellationToken = default)
    {
        actor.RequireAdmin("manage webhooks");
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var endpoint = await FindAsync(db, id, cancellationToken);
        outbox.Add(db, [endpoint], WebhookEventTypes.Test, WebhookPayloads.Test(id, actor.Name));
        await db.SaveChangesAsync(cancellationToken);
        outbox.Wake();
    }

    /// <summary>The endpoint's latest attempts, newest first, with where each delivery stands.</summary>
    public async Task<IReadOnlyList<WebhookAttemptView>> ListAttemptsAsync(long id, Actor actor, int take = 50, CancellationToken cancellationToken = default)
    {
        actor.RequireAdmin("manage webhooks");
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var attempts = await db.WebhookAttempts.AsNoTracking().Where(a => a.EndpointId == id)
            .OrderByDescending(a => a.Id).Take(take)
            .Join(db.WebhookDeliveries, a => a.DeliveryId, d => d.Id, (a, d) => new { a, d })
            .ToListAsync(cancellationToken);
        // Number each attempt within its delivery, oldest first.
        var numbers = await db.WebhookAttempts.AsNoTracking()
            .Where(a => attempts.Select(x => x.a.DeliveryId).Contains(a.DeliveryId))
            .Select(a => new { a.Id, a.DeliveryId })
            .ToListAsync(cancellationToken);
        var ordinal = numbers.GroupBy(n => n.DeliveryId).SelectMany(g => g.OrderBy(n => n.Id).Select((n, i) => (n.Id, Number: i + 1))).ToDictionary(x => x.Id, x => x.Number);
        return [.. attempts.Select(x => new WebhookAttemptView(x.d.Id, x.d.EventId, x.d.EventType, ordinal[x.a.Id], x.a.AttemptedAt, x.a.StatusCode, x.a.DurationMs, x.a.Excerpt,
            x.d.State, x.d.State == WebhookDeliveryState.Pending ? x.d.NextAttemptAt : null))];
    }

    private async Task<(string Url, string Events)> ValidateAsync(WebhookEndpointRequest request, CancellationToken cancellationToken)
    {
        var url = request.Url?.Trim() ?? "";
        if (await WebhookAddressGuard.CheckAsync(url, options.Value.AllowPrivateAddresses, cancellationToken) is { } problem)
        {
            throw new WebhookValidationException(problem);
        }
        var unknown = request.Events.Where(e => !WebhookEventTypes.All.Contains(e)).ToList();
        if (unknown.Count > 0)
        {
            throw new WebhookValidationException($"Unknown event: {string.Join(", ", unknown)}.");
        }
        if (request.Events.Count == 0)
        {
            throw new WebhookValidationException("Choose at least one event.");
        }
        return (url, string.Join(' ', WebhookEventTypes.All.Where(request.Events.Contains)));
    }

    private static async Task<WebhookEndpoint> FindAsync(DashboardDbContext db, long id, CancellationToken cancellationToken) =>
        await db.WebhookEndpoints.FirstOrDefaultAsync(e => e.Id == id, cancellationToken)
        ?? throw new WebhookValidationException("That endpoint no longer exists.");

    private static string NewSecret() => "whsec_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
}
