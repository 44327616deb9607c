namespace Dashboard.Core.Reporting;

/// <summary>
/// How many messages ended how, over some period. The bounce rate leaves rejected sends out: they
/// never reached a receiving server, so they say nothing about the list's or sender's health.
/// </summary>
/// <param name="Processed">Every message submitted in the period, whatever became of it.</param>
/// <param name="Delivered">Accepted by the receiving server (including those later complained about or unsubscribed).</param>
/// <param name="SoftBounces">Refused for now (mailbox full, throttled, blocklisted, …).</param>
/// <param name="HardBounces">Refused for good (no such user or domain).</param>
/// <param name="Rejected">Never sent: the address was on the suppression list.</param>
/// <param name="Complaints">Delivered messages the recipient reported as spam (from ARF reports); part of <paramref name="Delivered"/>.</param>
public sealed record DeliveryCounts(int Processed, int Delivered, int SoftBounces, int HardBounces, int Rejected, int Complaints = 0)
{
    /// <summary>No messages at all.</summary>
    public static DeliveryCounts Empty { get; } = new(0, 0, 0, 0, 0);

    /// <summary>The formula of the bounce rate, in words, for a tooltip.</summary>
    public const string BounceRateFormula = "bounce rate = (hard + soft bounces) ÷ (processed − rejected)";

    /// <summary>The formula of the complaint rate, in words, for a tooltip.</summary>
    public const string ComplaintRateFormula = "complaint rate = spam complaints ÷ delivered";

    /// <summary>Messages that were (or are being) offered to a receiving server: processed minus rejected.</summary>
    public int Attempted => Processed - Rejected;

    /// <summary>Hard plus soft bounces.</summary>
    public int Bounces => HardBounces + SoftBounces;

    /// <summary>(hard + soft bounces) / (processed − rejected), as a fraction; 0 when nothing was attempted.</summary>
    public double BounceRate => Attempted == 0 ? 0 : (double)Bounces / Attempted;

    /// <summary>hard bounces / (processed − rejected), as a fraction; 0 when nothing was attempted.</summary>
    public double HardBounceRate => Attempted == 0 ? 0 : (double)HardBounces / Attempted;

    /// <summary>complaints / delivered, as a fraction; 0 when nothing was delivered.</summary>
    public double ComplaintRate => Delivered == 0 ? 0 : (double)Complaints / Delivered;

    /// <summary>Adds two periods' counts.</summary>
    public static DeliveryCounts operator +(DeliveryCounts a, DeliveryCounts b) => new(
        a.Processed + b.Processed,
        a.Delivered + b.Delivered,
        a.SoftBounces + b.SoftBounces,
        a.HardBounces + b.HardBounces,
        a.Rejected + b.Rejected,
        a.Complaints + b.Complaints);
}
