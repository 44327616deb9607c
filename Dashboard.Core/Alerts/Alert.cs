namespace Dashboard.Core.Alerts;

/// <summary>An alert: opened when a rule's figure crossed its threshold, closed by itself when it fell back below (with hysteresis).</summary>
public sealed class Alert
{
    public long Id { get; set; }

    public AlertRule Rule { get; set; }

    /// <summary>What the rule watched: a provider for <see cref="AlertRule.ProviderBlock"/>, empty otherwise.</summary>
    public string Subject { get; set; } = "";

    public AlertSeverity Severity { get; set; }

    public DateTimeOffset OpenedAt { get; set; }

    public DateTimeOffset? ClosedAt { get; set; }

    /// <summary>The figure when the alert opened (a rate as a fraction, or a count).</summary>
    public double OpenedValue { get; set; }

    /// <summary>The worst figure while it was open.</summary>
    public double PeakValue { get; set; }

    /// <summary>The figure at the latest evaluation.</summary>
    public double LastValue { get; set; }

    /// <summary>The threshold that was crossed.</summary>
    public double Threshold { get; set; }

    /// <summary>What crossed, in words ("Bounce rate 6.2% over the last 24 h (31 of 500) ≥ 5%").</summary>
    public required string Summary { get; set; }

    /// <summary>The window the figure was measured over when the alert opened: the Activity link shows its bounces.</summary>
    public DateTimeOffset WindowFrom { get; set; }

    public DateTimeOffset WindowTo { get; set; }

    public DateTimeOffset? AcknowledgedAt { get; set; }

    public string? AcknowledgedBy { get; set; }

    public bool IsOpen => ClosedAt is null;
}
