namespace Dashboard.Components.Shared.Charts;

/// <summary>
/// A rate chart's y axis in percent: from 0 in round steps (0.5, 1, 2, 5, 10, 20 or 25), with room
/// above the worst point and the threshold always in sight, so every label reads as a round number.
/// </summary>
public static class PercentAxis
{
    private static readonly double[] Steps = [0.5, 1, 2, 5, 10, 20, 25];
    private const int MostSteps = 6;

    /// <summary>The axis for rates up to <paramref name="highest"/> (percent; null when nothing was sent) against <paramref name="threshold"/> (percent).</summary>
    public static ApexYAxis For(double? highest, double threshold)
    {
        // A rate is at most 100%; above the threshold by 2 points at least, so its line and label show.
        var need = Math.Max(threshold + 2, Math.Min(100, (highest ?? 0) + 1));
        var step = Steps.FirstOrDefault(s => Math.Ceiling(need / s) <= MostSteps, Steps[^1]);
        var steps = (int)Math.Ceiling(need / step);
        return new ApexYAxis { Min = 0, Max = steps * step, TickAmount = steps, LabelDecimals = step < 1 ? 1 : 0, LabelSuffix = "%" };
    }
}
