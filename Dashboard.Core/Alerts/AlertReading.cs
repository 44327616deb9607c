namespace Dashboard.Core.Alerts;

/// <summary>
/// One rule's figure at one moment.
/// </summary>
/// <param name="Rule">The rule.</param>
/// <param name="Subject">A provider, or empty.</param>
/// <param name="Value">The figure (a rate as a fraction, or a count).</param>
/// <param name="Judged">False when the volume is below the rule's minimum: the figure opens and closes nothing.</param>
/// <param name="Severity">The severity the figure reaches; null when below every threshold.</param>
/// <param name="Threshold">The threshold reached (or the lowest one, when none is).</param>
/// <param name="CloseBelow">An open alert closes once the figure is below this (hysteresis).</param>
/// <param name="Summary">What the figure is, in words.</param>
/// <param name="WindowFrom">Start of the measured window.</param>
/// <param name="WindowTo">End of the measured window.</param>
public sealed record AlertReading(
    AlertRule Rule,
    string Subject,
    double Value,
    bool Judged,
    AlertSeverity? Severity,
    double Threshold,
    double CloseBelow,
    string Summary,
    DateTimeOffset WindowFrom,
    DateTimeOffset WindowTo);
