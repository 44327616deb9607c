namespace Dashboard.Core.Dmarc;

/// <summary>An RFC 7489 aggregate report as read from its XML (appendix C's <c>feedback</c> element).</summary>
/// <param name="OrgName">report_metadata/org_name: who reports (google.com, Yahoo).</param>
/// <param name="OrgEmail">report_metadata/email.</param>
/// <param name="ReportId">report_metadata/report_id, unique per reporting organisation.</param>
/// <param name="Begin">date_range/begin.</param>
/// <param name="End">date_range/end.</param>
/// <param name="Policy">policy_published.</param>
/// <param name="Rows">Every record.</param>
public sealed record AggregateReport(
    string OrgName, string? OrgEmail, string ReportId, DateTimeOffset Begin, DateTimeOffset End,
    PublishedPolicy Policy, IReadOnlyList<AggregateRow> Rows);

/// <summary>policy_published: the DMARC record the reporter found for the domain.</summary>
/// <param name="Domain">The domain, lower case.</param>
/// <param name="Adkim">DKIM alignment mode (strict or relaxed, the default).</param>
/// <param name="Aspf">SPF alignment mode.</param>
/// <param name="P">The policy: none, quarantine or reject.</param>
/// <param name="Sp">The subdomain policy, when published.</param>
/// <param name="Pct">The percentage the policy applies to (100 when absent).</param>
public sealed record PublishedPolicy(string Domain, AlignmentMode Adkim, AlignmentMode Aspf, string P, string? Sp, int Pct);

/// <summary>One record: a source IP's mail in the period, with what the reporter found.</summary>
/// <param name="SourceIp">row/source_ip.</param>
/// <param name="Count">row/count: how many messages.</param>
/// <param name="Disposition">policy_evaluated/disposition: none, quarantine or reject.</param>
/// <param name="HeaderFrom">identifiers/header_from (lower case): the domain the mail said it came from.</param>
/// <param name="EnvelopeFrom">identifiers/envelope_from, when given.</param>
/// <param name="Dkim">auth_results/dkim, every signature.</param>
/// <param name="Spf">auth_results/spf.</param>
public sealed record AggregateRow(
    string SourceIp, int Count, string Disposition, string HeaderFrom, string? EnvelopeFrom,
    IReadOnlyList<DkimAuthResult> Dkim, IReadOnlyList<SpfAuthResult> Spf);

/// <summary>auth_results/dkim: one signature's domain, result and selector.</summary>
public sealed record DkimAuthResult(string Domain, string Result, string? Selector);

/// <summary>auth_results/spf: the checked domain and the result.</summary>
public sealed record SpfAuthResult(string Domain, string Result);

/// <summary>DMARC identifier alignment mode (RFC 7489 §3.1).</summary>
public enum AlignmentMode
{
    /// <summary>The organisational domains must match (the default).</summary>
    Relaxed = 0,
    /// <summary>The domains must be identical.</summary>
    Strict = 1,
}
