namespace Dashboard.Components.Pages.Overview;

/// <summary>Classifies a bounce rate against its threshold.</summary>
public static class BounceRateStates
{
    /// <summary>Share of the threshold from which the rate counts as approaching it.</summary>
    public const double WarningShare = 0.8;

    public static BounceRateState Of(double rate, double threshold) =>
        rate >= threshold ? BounceRateState.AtRisk
        : rate >= threshold * WarningShare ? BounceRateState.Approaching
        : BounceRateState.Healthy;
}
