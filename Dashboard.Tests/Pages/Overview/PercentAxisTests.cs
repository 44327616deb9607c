using Dashboard.Components.Shared.Charts;

namespace Dashboard.Tests.Pages.Overview;

public sealed class PercentAxisTests
{
    [Theory]
    [InlineData(null, 5.0, 8.0, 4)]     // nothing sent: the threshold in sight, 0-8% in steps of 2
    [InlineData(3.2, 5.0, 8.0, 4)]
    [InlineData(10.0, 5.0, 12.0, 6)]
    [InlineData(50.0, 5.0, 60.0, 6)]    // was 51%, labelled 9%, 17%, 26%, 34%…
    [InlineData(100.0, 5.0, 100.0, 5)]  // a rate ends at 100%
    [InlineData(0.4, 1.0, 3.0, 6)]      // a low threshold: half-point steps
    public void TheAxisEndsAboveTheWorstPointAndTheThresholdInRoundSteps(double? highest, double threshold, double max, int steps)
    {
        var axis = PercentAxis.For(highest, threshold);

        Assert.Equal((0.0, max, steps), (axis.Min!.Value, axis.Max!.Value, axis.TickAmount!.Value));
        Assert.True(axis.Max > (highest ?? 0) || highest >= 100, "the worst point sits under the top");
        Assert.True(axis.Max >= threshold + 2, "the threshold's line and label show");
        var step = axis.Max.Value / axis.TickAmount.Value;
        Assert.Contains(step, new[] { 0.5, 1, 2, 5, 10, 20, 25 });
        Assert.Equal(step < 1 ? 1 : 0, axis.LabelDecimals);
        Assert.Equal("%", axis.LabelSuffix);
    }
}
