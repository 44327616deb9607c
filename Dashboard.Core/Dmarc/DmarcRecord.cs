namespace Dashboard.Core.Dmarc;

/// <summary>One row of an aggregate report: a source IP's mail as the domain, what the reporter did and found, and our alignment verdict.</summary>
public sealed class DmarcRecord
{
    public long Id { get; set; }

    public long DmarcReportId { get; set; }

    public DmarcReport? Report { get; set; }

    public required string SourceIp { get; set; }

    public int Count { get; set; }

    /// <summary>What the receiver did: none, quarantine or reject.</summary>
    public required string Disposition { get; set; }

    public required string HeaderFrom { get; set; }

    public string? EnvelopeFrom { get; set; }

    /// <summary>The SPF result that decides (none when the reporter gave none).</summary>
    public required string SpfResult { get; set; }

    public string? SpfDomain { get; set; }

    public bool SpfAligned { get; set; }

    /// <summary>The DKIM result that decides: an aligned pass, else any pass, else the first (none when unsigned).</summary>
    public required string DkimResult { get; set; }

    public string? DkimDomain { get; set; }

    public string? DkimSelector { get; set; }

    public bool DkimAligned { get; set; }

    /// <summary>Fully aligned: DKIM or SPF aligned, so DMARC passes.</summary>
    public bool DmarcPass { get; set; }
}
