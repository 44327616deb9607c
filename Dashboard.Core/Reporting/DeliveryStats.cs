namespace Dashboard.Core.Reporting;

/// <summary>Totals and a per-day series for a window of whole UTC days.</summary>
/// <param name="From">Start of the window (inclusive): midnight UTC of its first day.</param>
/// <param name="To">End of the window (exclusive): midnight UTC after its last day.</param>
/// <param name="Totals">Counts over the whole window; equal to the sum of <paramref name="Days"/>.</param>
/// <param name="Days">One entry per day of the window, oldest first, days without mail included as zeros.</param>
/// <param name="BounceRateThreshold">The bounce rate above which sending is at risk (0.05 = 5%).</param>
public sealed record DeliveryStats(
    DateTimeOffset From,
    DateTimeOffset To,
    DeliveryCounts Totals,
    IReadOnlyList<DailyDeliveryCounts> Days,
    double BounceRateThreshold)
{
    /// <summary>True when the window's bounce rate has reached the threshold.</summary>
    public bool AtOrAboveThreshold => Totals.BounceRate >= BounceRateThreshold;
}
