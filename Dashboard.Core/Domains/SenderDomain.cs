namespace Dashboard.Core.Domains;

/// <summary>
/// A domain the dashboard sends as: its DKIM key pair and what the last DNS check found for each record
/// it asks to be published.
/// </summary>
public sealed class SenderDomain
{
    public long Id { get; set; }

    /// <summary>Lower-case domain name, unique.</summary>
    public required string Name { get; set; }

    /// <summary>The DKIM selector: the key is published at <c>&lt;Selector&gt;._domainkey.&lt;Name&gt;</c>.</summary>
    public required string Selector { get; set; }

    /// <summary>The RSA private key (PKCS#8 PEM), protected with ASP.NET Core Data Protection.</summary>
    public required string PrivateKeyProtected { get; set; }

    /// <summary>The RSA public key (SubjectPublicKeyInfo) in base64: the <c>p=</c> of the DKIM record.</summary>
    public required string PublicKey { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The signed-in user who added it; null when added at start (demo).</summary>
    public string? CreatedBy { get; set; }

    /// <summary>When DNS was last checked; null: never.</summary>
    public DateTimeOffset? CheckedAt { get; set; }

    /// <summary>The overall result of the last check.</summary>
    public DomainCheckState CheckState { get; set; }

    public RecordCheck Dkim { get; set; } = new();

    public RecordCheck Spf { get; set; } = new();

    public RecordCheck Dmarc { get; set; } = new();

    /// <summary>The bounce domain's MX, so bounces reach the inbound listener.</summary>
    public RecordCheck Mx { get; set; } = new();

    /// <summary>DNS lookups the published SPF record costs (RFC 7208 allows 10); null: not counted.</summary>
    public int? SpfLookups { get; set; }

    /// <summary>The published DMARC policy (<c>none</c>, <c>quarantine</c>, <c>reject</c>); null: none found.</summary>
    public string? DmarcPolicy { get; set; }

    /// <summary>Mail from this domain can be trusted to authenticate: the last check passed.</summary>
    public bool IsVerified => CheckState == DomainCheckState.Passing;
}
