namespace Dashboard.Core.Reporting.Rollups;

/// <summary>
/// Messages created in one hour or day, counted by where they stand now, for one combination of
/// tag, sender and provider, where <see cref="All"/> stands for "any". Written only by the database
/// triggers of <see cref="RollupSql"/>, so every status change anywhere keeps it exact.
/// </summary>
public sealed class DeliveryRollup : IRollupRow
{
    /// <summary>The key value that means "every tag / sender / provider".</summary>
    public const string All = "*";

    public RollupPeriod Period { get; set; }
    public DateTimeOffset BucketStart { get; set; }
    public string Tag { get; set; } = All;
    public string Sender { get; set; } = All;
    public string Provider { get; set; } = All;

    public int Processed { get; set; }
    public int Delivered { get; set; }
    public int SoftBounces { get; set; }
    public int HardBounces { get; set; }
    public int Rejected { get; set; }
    public int Complaints { get; set; }

    /// <summary>Soft bounces whose reason is on the sender's side (blocklist, spam, rate limit, authentication).</summary>
    public int SenderSideSoftBounces { get; set; }
}
