namespace Dashboard.Core.Reporting.Rollups;

/// <summary>The key both rollups share, so one query shape serves both.</summary>
public interface IRollupRow
{
    RollupPeriod Period { get; }
    DateTimeOffset BucketStart { get; }
    string Tag { get; }
    string Sender { get; }
    string Provider { get; }
}
