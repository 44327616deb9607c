namespace Dashboard.Core.Integrations;

/// <summary>A user name and password the SMTP relay accepts. Only a hash of the password is stored.</summary>
public sealed class SmtpCredential
{
    public long Id { get; set; }

    /// <summary>What the admin called it; also the SMTP user name.</summary>
    public required string Name { get; set; }

    /// <summary>SHA-256 of the generated password (a 32-byte random secret needs no slow hash).</summary>
    public required byte[] SecretHash { get; set; }

    /// <summary>Comma-separated domains the envelope sender must be in; empty: any.</summary>
    public string AllowedSenderDomains { get; set; } = "";

    /// <summary>Messages per minute this credential may submit.</summary>
    public int RatePerMinute { get; set; }

    public bool Enabled { get; set; } = true;

    public DateTimeOffset CreatedAt { get; set; }

    public required string CreatedBy { get; set; }

    public DateTimeOffset? LastUsedAt { get; set; }
}
