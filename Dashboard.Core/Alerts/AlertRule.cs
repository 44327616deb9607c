namespace Dashboard.Core.Alerts;

/// <summary>What an alert watches. Stored as an integer: do not renumber.</summary>
public enum AlertRule
{
    /// <summary>(hard + soft) ÷ (processed − rejected) over the last 24 hours.</summary>
    BounceRate = 0,

    /// <summary>Spam complaints ÷ delivered over the last 24 hours.</summary>
    ComplaintRate = 1,

    /// <summary>This hour's hard bounces against the trailing 7-day hourly average: a list gone stale, or a bad import.</summary>
    HardBounceCluster = 2,

    /// <summary>One provider's sender-side soft bounces (blocked, spam, rate limit, authentication) this hour against its own average.</summary>
    ProviderBlock = 3,

    /// <summary>A sender domain's DNS check fails (DKIM or SPF missing or wrong, no DMARC policy): its mail may be refused.</summary>
    SenderDomainFailing = 4,

    /// <summary>
    /// A source IP that DMARC reports show sending as one of our domains, failing alignment, in at least
    /// <see cref="AlertOptions.UnknownDmarcSourceMinimum"/> messages, and named in no report for a period
    /// before the trailing 7 days.
    /// </summary>
    UnknownDmarcSource = 5,
}
