namespace Dashboard.Core.Reporting.Rollups;

/// <summary>Bounced messages created in one hour or day, by reason, for one tag / sender / provider combination (see <see cref="DeliveryRollup"/>).</summary>
public sealed class BounceReasonRollup : IRollupRow
{
    public RollupPeriod Period { get; set; }
    public DateTimeOffset BucketStart { get; set; }
    public string Tag { get; set; } = DeliveryRollup.All;
    public string Sender { get; set; } = DeliveryRollup.All;
    public string Provider { get; set; } = DeliveryRollup.All;
    public string Reason { get; set; } = "";
    public bool IsHard { get; set; }
    public int Count { get; set; }
}
