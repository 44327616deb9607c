namespace Dashboard.Core.Integrations;

/// <summary>An SMTP credential as the Integrations page lists it (never the secret).</summary>
public sealed record SmtpCredentialView(
    long Id, string Name, IReadOnlyList<string> AllowedSenderDomains, int RatePerMinute, bool Enabled,
    DateTimeOffset CreatedAt, string CreatedBy, DateTimeOffset? LastUsedAt);

/// <summary>An API key as the Integrations page lists it: the visible prefix, never the secret.</summary>
public sealed record ApiKeyView(
    long Id, string Name, string Prefix, ApiScopes Scopes, int RatePerMinute,
    DateTimeOffset CreatedAt, string CreatedBy, DateTimeOffset? RevokedAt, DateTimeOffset? LastUsedAt)
{
    public bool IsRevoked => RevokedAt is not null;
}

/// <summary>A new credential and its password, which is shown this once.</summary>
public sealed record CreatedSmtpCredential(SmtpCredentialView Credential, string Password);

/// <summary>A new API key and the whole key, which is shown this once.</summary>
public sealed record CreatedApiKey(ApiKeyView Key, string Secret);

/// <summary>What the relay needs to know about a signed-in credential.</summary>
public sealed record RelayIdentity(long Id, string Name, IReadOnlyList<string> AllowedSenderDomains, int RatePerMinute)
{
    /// <summary>True when <paramref name="domain"/> may be the envelope sender's domain.</summary>
    public bool MaySendFrom(string domain) =>
        AllowedSenderDomains.Count == 0
        || AllowedSenderDomains.Any(d => string.Equals(d, domain, StringComparison.OrdinalIgnoreCase)
            || domain.EndsWith("." + d, StringComparison.OrdinalIgnoreCase));
}

/// <summary>What the API needs to know about a verified key.</summary>
public sealed record ApiKeyIdentity(long Id, string Name, ApiScopes Scopes, int RatePerMinute);

/// <summary>A new SMTP credential's settings.</summary>
public sealed record NewSmtpCredential(string Name, string? AllowedSenderDomains, int? RatePerMinute);

/// <summary>A new API key's settings.</summary>
public sealed record NewApiKey(string Name, ApiScopes Scopes, int? RatePerMinute);

/// <summary>A refused change to credentials or keys, naming the field.</summary>
public sealed class IntegrationValidationException(string field, string message) : Exception(message)
{
    public string Field { get; } = field;
}
