using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Dashboard.Core.Data;
using Dashboard.Core.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dashboard.Core.Integrations;

/// <summary>
/// SMTP credentials and API keys: admins create, disable and revoke them (audited); the relay and the
/// API verify them. Secrets are generated here, returned once and stored only as hashes.
/// </summary>
public sealed partial class IntegrationService(
    IDbContextFactory<DashboardDbContext> dbFactory,
    TimeProvider time,
    IOptions<IntegrationOptions> options,
    ILogger<IntegrationService> logger)
{
    /// <summary>How a key starts; the next 8 characters make the visible prefix.</summary>
    public const string KeyStart = "dk_";

    // "Last used" is written at most once a minute per credential or key, not on every message.
    private static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);
    private readonly ConcurrentDictionary<(char Kind, long Id), DateTimeOffset> _lastWritten = new();

    public async Task<IReadOnlyList<SmtpCredentialView>> ListCredentialsAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        actor.RequireAdmin("list SMTP credentials");
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = await db.SmtpCredentials.AsNoTracking().OrderBy(c => c.Name).ToListAsync(cancellationToken);
        return [.. rows.Select(ToView)];
    }

    public async Task<IReadOnlyList<ApiKeyView>> ListApiKeysAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        actor.RequireAdmin("list API keys");
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = await db.ApiKeys.AsNoTracking().OrderBy(k => k.RevokedAt != null).ThenBy(k => k.Name).ToListAsync(cancellationToken);
        return [.. rows.Select(ToView)];
    }

    /// <summary>Creates a credential with a generated password, returned this once.</summary>
    /// <exception cref="IntegrationValidationException">A bad name, domain list or rate.</exception>
    public Task<CreatedSmtpCredential> CreateCredentialAsync(NewSmtpCredential request, Actor actor, CancellationToken cancellationToken = default) =>
        CreateCredentialAsync(request, Secrets.New(32), actor, cancellationToken);

    internal async Task<CreatedSmtpCredential> CreateCredentialAsync(NewSmtpCredential request, string password, Actor actor, CancellationToken cancellationToken)
    {
        actor.RequireAdmin("create SMTP credentials");
        var name = CheckName(request.Name, "a user name", UserNamePattern());
        var domains = ParseDomains(request.AllowedSenderDomains);
        var rate = CheckRate(request.RatePerMinute ?? options.Value.DefaultCredentialRatePerMinute);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await db.SmtpCredentials.AnyAsync(c => c.Name == name, cancellationToken))
        {
            throw new IntegrationValidationException(nameof(NewSmtpCredential.Name), $"A credential named \"{name}\" exists already.");
        }
        var credential = new SmtpCredential
        {
            Name = name,
            SecretHash = Secrets.Hash(password),
            AllowedSenderDomains = string.Join(',', domains),
            RatePerMinute = rate,
            CreatedAt = time.GetUtcNow(),
            CreatedBy = actor.Name,
        };
        db.SmtpCredentials.Add(credential);
        Audit(db, actor, "smtp-credential.created", name, domains.Count > 0 ? $"senders: {string.Join(", ", domains)}" : "any sender");
        await db.SaveChangesAsync(cancellationToken);
        return new CreatedSmtpCredential(ToView(credential), password);
    }

    /// <summary>Enables or disables a credential; a disabled one cannot sign in.</summary>
    public async Task SetCredentialEnabledAsync(long id, bool enabled, Actor actor, CancellationToken cancellationToken = default)
    {
        actor.RequireAdmin("change SMTP credentials");
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var credential = await db.SmtpCredentials.FirstOrDefaultAsync(c => c.Id == id, cancellationToken)
            ?? throw new IntegrationValidationException("Id", "No such credential.");
        credential.Enabled = enabled;
        Audit(db, actor, enabled ? "smtp-credential.enabled" : "smtp-credential.disabled", credential.Name, null);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Creates an API key, returned whole this once.</summary>
    /// <exception cref="IntegrationValidationException">A bad name, no scope, or a bad rate.</exception>
    public Task<CreatedApiKey> CreateApiKeyAsync(NewApiKey request, Actor actor, CancellationToken cancellationToken = default) =>
        CreateApiKeyAsync(request, KeyStart + Secrets.New(8) + "_" + Secrets.New(32), actor, cancellationToken);

    internal async Task<CreatedApiKey> CreateApiKeyAsync(NewApiKey request, string secret, Actor actor, CancellationToken cancellationToken)
    {
        actor.RequireAdmin("create API keys");
        var name = CheckName(request.Name, "a name", KeyNamePattern());
        if ((request.Scopes & (ApiScopes.Send | ApiScopes.Read | ApiScopes.Suppressions)) == ApiScopes.None)
        {
            throw new IntegrationValidationException(nameof(NewApiKey.Scopes), "Give the key at least one scope.");
        }
        var rate = CheckRate(request.RatePerMinute ?? options.Value.DefaultApiKeyRatePerMinute);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var key = new ApiKey
        {
            Name = name,
            Prefix = PrefixOf(secret) ?? throw new ArgumentException("Malformed key.", nameof(secret)),
            SecretHash = Secrets.Hash(secret),
            Scopes = request.Scopes,
            RatePerMinute = rate,
            CreatedAt = time.GetUtcNow(),
            CreatedBy = actor.Name,
        };
        db.ApiKeys.Add(key);
        Audit(db, actor, "api-key.created", $"{name} ({key.Prefix})", $"scopes: {key.Scopes}");
        await db.SaveChangesAsync(cancellationToken);
        return new CreatedApiKey(ToView(key), secret);
    }

    /// <summary>Revokes a key for good: it is refused from the next request on.</summary>
    public async Task RevokeApiKeyAsync(long id, Actor actor, CancellationToken cancellationToken = default)
    {
        actor.RequireAdmin("revoke API keys");
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var key = await db.ApiKeys.FirstOrDefaultAsync(k => k.Id == id, cancellationToken)
            ?? throw new IntegrationValidationException("Id", "No such key.");
        if (key.RevokedAt is null)
        {
            key.RevokedAt = time.GetUtcNow();
            Audit(db, actor, "api-key.revoked", $"{key.Name} ({key.Prefix})", null);
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    /// <summary>The enabled credential with this user name and password, or null.</summary>
    public async Task<RelayIdentity?> VerifyCredentialAsync(string userName, string password, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var credential = await db.SmtpCredentials.AsNoTracking().FirstOrDefaultAsync(c => c.Name == userName && c.Enabled, cancellationToken);
        if (credential is null || !Secrets.Matches(password, credential.SecretHash))
        {
            return null;
        }
        await TouchAsync(db, 'c', credential.Id, cancellationToken);
        return new RelayIdentity(credential.Id, credential.Name, SplitDomains(credential.AllowedSenderDomains), credential.RatePerMinute);
    }

    /// <summary>The unrevoked key <paramref name="secret"/> is, or null.</summary>
    public async Task<ApiKeyIdentity?> VerifyApiKeyAsync(string secret, CancellationToken cancellationToken = default)
    {
        if (PrefixOf(secret) is not { } prefix)
        {
            return null;
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var key = await db.ApiKeys.AsNoTracking().FirstOrDefaultAsync(k => k.Prefix == prefix && k.RevokedAt == null, cancellationToken);
        if (key is null || !Secrets.Matches(secret, key.SecretHash))
        {
            return null;
        }
        await TouchAsync(db, 'k', key.Id, cancellationToken);
        return new ApiKeyIdentity(key.Id, key.Name, key.Scopes, key.RatePerMinute);
    }

    /// <summary>
    /// Development only: makes sure the fixed demo credential and key from the options exist (the
    /// README's examples use them). Does nothing when they are not configured.
    /// </summary>
    public async Task EnsureDevelopmentSecretsAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (options.Value.DevelopmentRelayCredential is { } pair && pair.Split(':', 2) is [var user, var password]
            && !await db.SmtpCredentials.AnyAsync(c => c.Name == user, cancellationToken))
        {
            await CreateCredentialAsync(new NewSmtpCredential(user, null, null), password, Actor.System, cancellationToken);
        }
        if (options.Value.DevelopmentApiKey is { } key && PrefixOf(key) is { } prefix
            && !await db.ApiKeys.AnyAsync(k => k.Prefix == prefix, cancellationToken))
        {
            await CreateApiKeyAsync(new NewApiKey("demo", ApiScopes.Send | ApiScopes.Read | ApiScopes.Suppressions, null), key, Actor.System, cancellationToken);
        }
        if (options.Value.DevelopmentRelayCredential is { } credential)
        {
            logger.LogInformation("Development SMTP relay credential (user:password): {Credential}", credential);
        }
        if (options.Value.DevelopmentApiKey is { } apiKey)
        {
            logger.LogInformation("Development API key: {Key} (send as Authorization: Bearer <key>)", apiKey);
        }
    }

    /// <summary>The visible prefix of a key (<c>dk_</c> and 8 characters), or null when it is not shaped like one.</summary>
    public static string? PrefixOf(string secret)
    {
        const int prefixLength = 3 + 8;
        return secret.StartsWith(KeyStart, StringComparison.Ordinal) && secret.Length > prefixLength + 1 && secret[prefixLength] == '_'
            ? secret[..prefixLength]
            : null;
    }

    private async Task TouchAsync(DashboardDbContext db, char kind, long id, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (_lastWritten.TryGetValue((kind, id), out var last) && now - last < LastUsedResolution)
        {
            return;
        }
        _lastWritten[(kind, id)] = now;
        _ = kind == 'c'
            ? await db.SmtpCredentials.Where(c => c.Id == id).ExecuteUpdateAsync(s => s.SetProperty(c => c.LastUsedAt, now), cancellationToken)
            : await db.ApiKeys.Where(k => k.Id == id).ExecuteUpdateAsync(s => s.SetProperty(k => k.LastUsedAt, now), cancellationToken);
    }

    private void Audit(DashboardDbContext db, Actor actor, string action, string target, string? detail) =>
        db.AuditEntries.Add(new AuditEntry { OccurredAt = time.GetUtcNow(), Actor = actor.Name, Action = action, Target = target, Detail = detail });

    private static string CheckName(string? raw, string what, Regex pattern)
    {
        var name = raw?.Trim() ?? "";
        if (!pattern.IsMatch(name))
        {
            throw new IntegrationValidationException("Name", $"Enter {what} of 1-64 letters, digits, dots, dashes, underscores or @.");
        }
        return name;
    }

    private static int CheckRate(int rate) => rate is >= 1 and <= 1_000_000
        ? rate
        : throw new IntegrationValidationException("RatePerMinute", "The rate limit must be between 1 and 1,000,000 per minute.");

    private static List<string> ParseDomains(string? raw)
    {
        var domains = SplitDomains(raw ?? "");
        foreach (var domain in domains)
        {
            if (!DomainPattern().IsMatch(domain))
            {
                throw new IntegrationValidationException("AllowedSenderDomains", $"\"{domain}\" is not a domain name.");
            }
        }
        return domains;
    }

    private static List<string> SplitDomains(string raw) =>
        [.. raw.Split([',', ' ', ';', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(d => d.TrimStart('@').ToLowerInvariant()).Distinct()];

    private static SmtpCredentialView ToView(SmtpCredential c) =>
        new(c.Id, c.Name, SplitDomains(c.AllowedSenderDomains), c.RatePerMinute, c.Enabled, c.CreatedAt, c.CreatedBy, c.LastUsedAt);

    private static ApiKeyView ToView(ApiKey k) =>
        new(k.Id, k.Name, k.Prefix, k.Scopes, k.RatePerMinute, k.CreatedAt, k.CreatedBy, k.RevokedAt, k.LastUsedAt);

    [GeneratedRegex(@"^[A-Za-z0-9._@-]{1,64}$")]
    private static partial Regex UserNamePattern();

    [GeneratedRegex(@"^[\p{L}\p{N} ._@-]{1,64}$")]
    private static partial Regex KeyNamePattern();

    [GeneratedRegex(@"^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$")]
    private static partial Regex DomainPattern();
}
