namespace Dashboard.Core.Integrations;

/// <summary>A key for the REST API. The secret is shown once; only its hash is stored.</summary>
public sealed class ApiKey
{
    public long Id { get; set; }

    public required string Name { get; set; }

    /// <summary>The visible start of the key (e.g. <c>dk_3f9a1c2b</c>), unique: how a key is found.</summary>
    public required string Prefix { get; set; }

    /// <summary>SHA-256 of the whole key.</summary>
    public required byte[] SecretHash { get; set; }

    public ApiScopes Scopes { get; set; }

    /// <summary>Requests per minute this key may make.</summary>
    public int RatePerMinute { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public required string CreatedBy { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }

    public DateTimeOffset? LastUsedAt { get; set; }
}
