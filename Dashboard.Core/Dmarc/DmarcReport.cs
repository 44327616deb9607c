namespace Dashboard.Core.Dmarc;

/// <summary>
/// A stored aggregate report: who reported which period for which domain. (OrgName, ReportId) is
/// unique, so a report sent twice is counted once.
/// </summary>
public sealed class DmarcReport
{
    public long Id { get; set; }

    /// <summary>The reporting organisation (report_metadata/org_name).</summary>
    public required string OrgName { get; set; }

    public string? OrgEmail { get; set; }

    /// <summary>The reporter's id for it (report_metadata/report_id).</summary>
    public required string ReportId { get; set; }

    public DateTimeOffset PeriodBegin { get; set; }

    public DateTimeOffset PeriodEnd { get; set; }

    /// <summary>policy_published/domain, lower case.</summary>
    public required string PolicyDomain { get; set; }

    /// <summary>The published policy: none, quarantine or reject.</summary>
    public required string PolicyP { get; set; }

    public int PolicyPct { get; set; }

    public AlignmentMode Adkim { get; set; }

    public AlignmentMode Aspf { get; set; }

    public DateTimeOffset ReceivedAt { get; set; }

    /// <summary>The report mail as received (MIME, attachment still compressed).</summary>
    public required byte[] Raw { get; set; }

    public List<DmarcRecord> Records { get; set; } = [];
}
