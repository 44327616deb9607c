namespace Dashboard.Core.Domains;

/// <summary>The DNS records a sender domain is asked to publish.</summary>
public enum RecordKind
{
    Dkim,
    Spf,
    Dmarc,
    /// <summary>The bounce domain's MX, so bounces reach the inbound listener.</summary>
    Mx,
}
