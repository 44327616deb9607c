using System.ComponentModel.DataAnnotations;

namespace Dashboard.Core.Alerts;

/// <summary>Alert rules' thresholds. Bound from the "Alerts" section; the defaults here are the product's guidance.</summary>
public sealed class AlertOptions
{
    public const string Section = "Alerts";

    /// <summary>Evaluates the rules in the background. Defaults to true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Seconds between evaluations. Defaults to 60.</summary>
    [Range(5, 3600)]
    public int EvaluateEverySeconds { get; set; } = 60;

    /// <summary>Messages sent (processed − rejected) in 24 h below which the rates are not judged: 1 bounce in 3 sends is no alarm. Defaults to 100.</summary>
    [Range(1, 1_000_000)]
    public int MinimumVolume { get; set; } = 100;

    /// <summary>Bounce rate (fraction) from which a warning opens. Defaults to 0.04.</summary>
    [Range(0.0001, 1)]
    public double BounceRateWarning { get; set; } = 0.04;

    /// <summary>Bounce rate (fraction) from which the alert is critical. Defaults to 0.05.</summary>
    [Range(0.0001, 1)]
    public double BounceRateCritical { get; set; } = 0.05;

    /// <summary>Complaint rate (fraction) from which a warning opens. Defaults to 0.001 (0.1%).</summary>
    [Range(0.00001, 1)]
    public double ComplaintRateWarning { get; set; } = 0.001;

    /// <summary>Complaint rate from which the alert is critical. Defaults to 0.003 (Gmail's 0.3% line).</summary>
    [Range(0.00001, 1)]
    public double ComplaintRateCritical { get; set; } = 0.003;

    /// <summary>A cluster: this hour's hard bounces at least this many times the trailing 7-day hourly average. Defaults to 3.</summary>
    [Range(1.0, 1000)]
    public double ClusterFactor { get; set; } = 3;

    /// <summary>…and at least this many. Defaults to 10.</summary>
    [Range(1, 1_000_000)]
    public int ClusterMinimum { get; set; } = 10;

    /// <summary>A provider block: one provider's sender-side soft bounces this hour at least this many times its hourly average. Defaults to 3.</summary>
    [Range(1.0, 1000)]
    public double ProviderBlockFactor { get; set; } = 3;

    /// <summary>…and at least this many. Defaults to 10.</summary>
    [Range(1, 1_000_000)]
    public int ProviderBlockMinimum { get; set; } = 10;

    /// <summary>An open alert closes only once its figure is below this share of the threshold that opened it, so it does not flap. Defaults to 0.8.</summary>
    [Range(0.1, 1.0)]
    public double CloseBelowShare { get; set; } = 0.8;

    /// <summary>Mails every enabled admin when an alert opens or closes. Defaults to true.</summary>
    public bool EmailAdmins { get; set; } = true;

    /// <summary>
    /// An unknown DMARC source: a source IP named in no report for a period before the last 7 days whose
    /// mail as one of our domains failed DMARC alignment at least this many times in reports for periods
    /// in those 7 days. Defaults to 10.
    /// </summary>
    [Range(1, 1_000_000)]
    public int UnknownDmarcSourceMinimum { get; set; } = 10;

    /// <summary>The sender of those mails. Defaults to alerts@dashboard.localhost.</summary>
    [EmailAddress]
    public string NotificationFrom { get; set; } = "alerts@dashboard.localhost";

    /// <summary>True when every warning threshold is at or below its critical one.</summary>
    public bool IsOrdered => BounceRateWarning <= BounceRateCritical && ComplaintRateWarning <= ComplaintRateCritical;
}
