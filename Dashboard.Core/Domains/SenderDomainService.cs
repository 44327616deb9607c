using System.Globalization;
using System.Text.RegularExpressions;
using Dashboard.Core.Alerts;
using Dashboard.Core.Data;
using Dashboard.Core.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dashboard.Core.Domains;

/// <summary>
/// The sender domains: adding one makes its DKIM key pair and checks its DNS at once; checks run again
/// on demand and on a schedule (<see cref="DomainCheckScheduler"/>). A domain whose check turns to
/// failing (or back) has the alert rules evaluated at once, so the alert opens (or closes) now.
/// </summary>
public sealed partial class SenderDomainService(
    IDbContextFactory<DashboardDbContext> dbFactory,
    DkimKeys keys,
    DomainChecker checker,
    SenderDomainQueries queries,
    DkimSigning signing,
    AlertService alerts,
    IOptions<DomainOptions> options,
    IOptionsMonitor<AlertOptions> alertOptions,
    TimeProvider time,
    ILogger<SenderDomainService> logger)
{
    /// <summary>Adds <paramref name="name"/> with a new key pair, then checks its DNS.</summary>
    /// <exception cref="ForbiddenException">Only admins may add domains.</exception>
    /// <exception cref="SenderDomainException">Not a domain name, or already a sender domain.</exception>
    public async Task<SenderDomainView> AddAsync(string name, Actor actor, CancellationToken cancellationToken = default)
    {
        actor.RequireAdmin("add sender domains");
        var domain = await CreateAsync(Normalize(name), actor.Name, cancellationToken)
            ?? throw new SenderDomainException($"{Normalize(name)} is already a sender domain.");
        return await CheckAndStoreAsync(domain.Id, cancellationToken) ?? queries.View(domain);
    }

    /// <summary>Checks one domain's DNS now.</summary>
    /// <exception cref="ForbiddenException">Only admins may run checks.</exception>
    public Task<SenderDomainView?> CheckNowAsync(long id, Actor actor, CancellationToken cancellationToken = default)
    {
        actor.RequireAdmin("check sender domains");
        return CheckAndStoreAsync(id, cancellationToken);
    }

    /// <summary>Removes a domain and its key: its mail is no longer signed.</summary>
    /// <exception cref="ForbiddenException">Only admins may remove domains.</exception>
    public async Task RemoveAsync(long id, Actor actor, CancellationToken cancellationToken = default)
    {
        actor.RequireAdmin("remove sender domains");
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var domain = await db.SenderDomains.FirstOrDefaultAsync(d => d.Id == id, cancellationToken);
        if (domain is null)
        {
            return;
        }
        db.SenderDomains.Remove(domain);
        await db.SaveChangesAsync(cancellationToken);
        signing.Forget(domain.Name);
        logger.LogInformation("Sender domain {Domain} removed by {Actor}", domain.Name, actor.Name);
        await EvaluateAlertsAsync(cancellationToken);
    }

    /// <summary>Checks every domain not checked within <see cref="DomainOptions.CheckEveryHours"/>; returns how many were checked.</summary>
    public async Task<int> CheckDueAsync(CancellationToken cancellationToken = default)
    {
        var due = time.GetUtcNow().AddHours(-options.Value.CheckEveryHours);
        List<long> ids;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            ids = await db.SenderDomains.AsNoTracking().Where(d => d.CheckedAt == null || d.CheckedAt <= due).Select(d => d.Id).ToListAsync(cancellationToken);
        }
        foreach (var id in ids)
        {
            await CheckAndStoreAsync(id, cancellationToken);
        }
        return ids.Count;
    }

    /// <summary>Adds each of <paramref name="names"/> that is missing, with a key, unchecked (the demo's senders at start).</summary>
    public async Task EnsureAsync(IEnumerable<string> names, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var existing = await db.SenderDomains.AsNoTracking().Select(d => d.Name).ToListAsync(cancellationToken);
        foreach (var name in names.Select(Normalize).Distinct().Except(existing))
        {
            await CreateAsync(name, null, cancellationToken);
        }
    }

    /// <summary>A typed domain name as stored: trimmed, lower case, IDN in its ASCII form.</summary>
    /// <exception cref="SenderDomainException">It is not a domain name.</exception>
    public static string Normalize(string name)
    {
        var trimmed = (name ?? "").Trim().TrimEnd('.').ToLowerInvariant();
        string ascii;
        try
        {
            ascii = new IdnMapping().GetAscii(trimmed);
        }
        catch (ArgumentException)
        {
            throw new SenderDomainException($"\"{trimmed}\" is not a domain name.");
        }
        if (ascii.Length > 253 || !DomainName().IsMatch(ascii))
        {
            throw new SenderDomainException($"\"{trimmed}\" is not a domain name (e.g. example.com).");
        }
        return ascii;
    }

    private async Task<SenderDomain?> CreateAsync(string name, string? createdBy, CancellationToken cancellationToken)
    {
        var (privateKey, publicKey) = keys.Create();
        var domain = new SenderDomain
        {
            Name = name,
            Selector = options.Value.Selector,
            PrivateKeyProtected = privateKey,
            PublicKey = publicKey,
            CreatedAt = time.GetUtcNow(),
            CreatedBy = createdBy,
        };
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await db.SenderDomains.AnyAsync(d => d.Name == name, cancellationToken))
        {
            return null;
        }
        db.SenderDomains.Add(domain);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            return null; // added meanwhile (the unique index)
        }
        signing.Forget(name);
        logger.LogInformation("Sender domain {Domain} added by {Actor} with selector {Selector}", name, createdBy ?? "the start-up", domain.Selector);
        return domain;
    }

    private async Task<SenderDomainView?> CheckAndStoreAsync(long id, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var domain = await db.SenderDomains.FirstOrDefaultAsync(d => d.Id == id, cancellationToken);
        if (domain is null)
        {
            return null;
        }
        var result = await checker.CheckAsync(domain, cancellationToken);
        var before = domain.CheckState;
        domain.Dkim = result.Dkim;
        domain.Spf = result.Spf;
        domain.Dmarc = result.Dmarc;
        domain.Mx = result.Mx;
        domain.SpfLookups = result.SpfLookups;
        domain.DmarcPolicy = result.DmarcPolicy;
        domain.CheckState = result.State;
        domain.CheckedAt = time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        signing.Forget(domain.Name);
        if (before != domain.CheckState)
        {
            if (domain.CheckState == DomainCheckState.Failing)
            {
                logger.LogWarning("Sender domain {Domain} now fails its DNS check: {Failures}", domain.Name, result.Failures);
            }
            await EvaluateAlertsAsync(cancellationToken);
        }
        return queries.View(domain);
    }

    // A change is an alert now, not at the monitor's next round.
    private async Task EvaluateAlertsAsync(CancellationToken cancellationToken)
    {
        if (alertOptions.CurrentValue.Enabled)
        {
            await alerts.EvaluateAsync(cancellationToken: cancellationToken);
        }
    }

    [GeneratedRegex(@"^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+$")]
    private static partial Regex DomainName();
}
