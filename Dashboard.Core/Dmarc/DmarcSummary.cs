namespace Dashboard.Core.Dmarc;

/// <summary>What the aggregate reports say about one domain over a period (reports whose period begins in it).</summary>
/// <param name="Domain">The domain (policy_published).</param>
/// <param name="From">Start of the period (UTC, inclusive).</param>
/// <param name="To">End of the period (UTC, exclusive).</param>
/// <param name="Reports">How many reports.</param>
/// <param name="Orgs">The organisations that reported, by name.</param>
/// <param name="Messages">Messages reported, all sources.</param>
/// <param name="Aligned">Of those, fully aligned (DMARC pass).</param>
/// <param name="Sources">Per source IP, most mail first.</param>
public sealed record DmarcSummary(
    string Domain, DateTimeOffset From, DateTimeOffset To, int Reports, IReadOnlyList<string> Orgs,
    long Messages, long Aligned, IReadOnlyList<DmarcSource> Sources)
{
    /// <summary>Share of the messages fully aligned, 0 when none were reported.</summary>
    public double AlignedShare => Messages == 0 ? 0 : (double)Aligned / Messages;

    /// <summary>Sources with mail that failed DMARC, most failing mail first.</summary>
    public IEnumerable<DmarcSource> Failing => Sources.Where(s => s.Failing > 0).OrderByDescending(s => s.Failing);
}

/// <summary>One source IP's mail as the domain over the period.</summary>
/// <param name="SourceIp">The sending IP.</param>
/// <param name="Messages">Messages reported.</param>
/// <param name="Aligned">Fully aligned (DMARC pass).</param>
/// <param name="DkimAligned">With an aligned passing DKIM signature.</param>
/// <param name="SpfAligned">With an aligned SPF pass.</param>
/// <param name="Quarantined">Quarantined by the receiver.</param>
/// <param name="Rejected">Rejected by the receiver.</param>
/// <param name="Orgs">The organisations that reported it.</param>
/// <param name="FirstSeen">When a report first named this source for the domain (received at, UTC).</param>
public sealed record DmarcSource(
    string SourceIp, long Messages, long Aligned, long DkimAligned, long SpfAligned, long Quarantined, long Rejected,
    IReadOnlyList<string> Orgs, DateTimeOffset FirstSeen)
{
    /// <summary>Messages that failed DMARC.</summary>
    public long Failing => Messages - Aligned;

    /// <summary>Share fully aligned.</summary>
    public double AlignedShare => Messages == 0 ? 0 : (double)Aligned / Messages;
}
