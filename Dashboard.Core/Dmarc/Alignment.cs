namespace Dashboard.Core.Dmarc;

/// <summary>
/// DMARC identifier alignment (RFC 7489 §3.1). Relaxed alignment compares organisational domains,
/// found here by a simple rule instead of the full Public Suffix List: the last two labels, or the
/// last three when the last two are a common second-level public suffix (co.uk, com.au, …). A domain
/// under a suffix not in that list may be judged aligned with a sibling it is not related to.
/// </summary>
public static class Alignment
{
    private static readonly HashSet<string> TwoLabelSuffixes = new(StringComparer.Ordinal)
    {
        "co.uk", "org.uk", "ac.uk", "gov.uk", "me.uk", "ltd.uk", "plc.uk", "net.uk",
        "com.au", "net.au", "org.au", "edu.au", "gov.au",
        "co.nz", "org.nz", "net.nz", "co.jp", "ne.jp", "or.jp", "ac.jp",
        "com.br", "net.br", "org.br", "co.za", "org.za", "com.cn", "net.cn", "org.cn",
        "co.in", "net.in", "org.in", "co.kr", "or.kr", "com.mx", "com.ar", "com.tr", "com.tw", "co.il",
        "com.sg", "com.hk", "com.my", "co.id", "co.th", "com.ua", "com.pl", "co.at",
    };

    /// <summary>The organisational domain of <paramref name="domain"/> (lower case, no trailing dot).</summary>
    public static string OrganizationalDomain(string domain)
    {
        var labels = domain.Trim().TrimEnd('.').ToLowerInvariant().Split('.');
        if (labels.Length <= 2)
        {
            return string.Join('.', labels);
        }
        var lastTwo = $"{labels[^2]}.{labels[^1]}";
        return TwoLabelSuffixes.Contains(lastTwo) ? $"{labels[^3]}.{lastTwo}" : lastTwo;
    }

    /// <summary>True when <paramref name="authenticated"/> aligns with the From domain under <paramref name="mode"/>.</summary>
    public static bool Aligned(string fromDomain, string authenticated, AlignmentMode mode)
    {
        var from = fromDomain.Trim().TrimEnd('.').ToLowerInvariant();
        var other = authenticated.Trim().TrimEnd('.').ToLowerInvariant();
        if (other.Length == 0)
        {
            return false;
        }
        return mode == AlignmentMode.Strict
            ? from == other
            : OrganizationalDomain(from) == OrganizationalDomain(other);
    }

    /// <summary>
    /// The row judged under the published policy: DKIM aligned when a passing signature's domain
    /// aligns with header_from under adkim; SPF aligned when a passing SPF check's domain (the
    /// envelope sender's) aligns under aspf. DMARC passes when either does.
    /// </summary>
    public static RowAlignment Judge(AggregateRow row, PublishedPolicy policy)
    {
        var dkim = row.Dkim.FirstOrDefault(d => d.Result == "pass" && Aligned(row.HeaderFrom, d.Domain, policy.Adkim))
            ?? row.Dkim.FirstOrDefault(d => d.Result == "pass")
            ?? row.Dkim.FirstOrDefault();
        var spf = row.Spf.FirstOrDefault(s => s.Result == "pass" && Aligned(row.HeaderFrom, s.Domain, policy.Aspf))
            ?? row.Spf.FirstOrDefault();
        return new RowAlignment(
            dkim,
            dkim is { Result: "pass" } && Aligned(row.HeaderFrom, dkim.Domain, policy.Adkim),
            spf,
            spf is { Result: "pass" } && Aligned(row.HeaderFrom, spf.Domain, policy.Aspf));
    }
}

/// <summary>One row's DKIM and SPF results (the ones that decide) and whether each aligns.</summary>
public sealed record RowAlignment(DkimAuthResult? Dkim, bool DkimAligned, SpfAuthResult? Spf, bool SpfAligned)
{
    /// <summary>Fully aligned: DMARC passes.</summary>
    public bool DmarcPass => DkimAligned || SpfAligned;
}
