namespace Dashboard.Core.Reporting;

/// <summary>
/// Delivery figures for a period. Rejected messages (never sent: suppressed) are counted on their
/// own and are not part of the bounce rate, which is (hard + soft) / (delivered + hard + soft).
/// </summary>
/// <param name="Processed">Every message created in the period, whatever its status.</param>
/// <param name="Delivered">Accepted by the receiving server (complaints and unsubscribes included: they were delivered).</param>
/// <param name="HardBounces">Permanent failures.</param>
/// <param name="SoftBounces">Temporary failures.</param>
/// <param name="Rejected">Not sent because the address was suppressed.</param>
/// <param name="BounceRate">(hard + soft) / attempted, 0–1; 0 when nothing was attempted.</param>
/// <param name="Days">One entry per UTC day of the period, oldest first, days without mail included.</param>
public sealed record BounceRateReport(
    int Processed,
    int Delivered,
    int HardBounces,
    int SoftBounces,
    int Rejected,
    double BounceRate,
    IReadOnlyList<DailyBounceRate> Days)
{
    /// <summary>The threshold above which a sender's reputation suffers (5%).</summary>
    public const double Threshold = 0.05;

    /// <summary>Messages that reached a server's verdict: delivered + hard + soft.</summary>
    public int Attempted => Delivered + HardBounces + SoftBounces;

    /// <summary>Hard bounces alone, as a share of attempted.</summary>
    public double HardBounceRate => Attempted == 0 ? 0 : (double)HardBounces / Attempted;
}
