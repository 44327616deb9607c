using System.Globalization;
using Dashboard.Components.Shared.Charts;
using Dashboard.Core.Reporting;

namespace Dashboard.Components.Pages.Overview;

/// <summary>Turns the delivery stats into the Overview's two charts.</summary>
public static class OverviewCharts
{
    public const string DeliveredColor = "#43a047";
    public const string SoftBounceColor = "#fb8c00";
    public const string HardBounceColor = "#e53935";
    public const string RejectedColor = "#9e9e9e";
    public const string BounceRateColor = "#1e88e5";
    public const string ThresholdColor = "#c62828";

    /// <summary>Daily bounce rate and hard-bounce rate in percent, with the threshold drawn as a line.</summary>
    public static ApexOptions BounceRate(DeliveryStats stats)
    {
        var threshold = stats.BounceRateThreshold * 100;
        var bounceRates = stats.Days.Select(d => Percent(d.Counts.Bounces, d.Counts.Attempted)).ToList();
        var hardRates = stats.Days.Select(d => Percent(d.Counts.HardBounces, d.Counts.Attempted)).ToList();
        var axis = PercentAxis.For(bounceRates.Max(), threshold);
        var top = axis.Max!.Value;

        return new ApexOptions
        {
            Chart = new ApexChartSettings(ApexChartType.Line, 300)
            {
                Toolbar = new ApexToolbar(false),
                Zoom = new ApexZoom(false),
            },
            Series =
            [
                new ApexSeries("Bounce rate", bounceRates),
                new ApexSeries("Hard-bounce rate", hardRates),
            ],
            Colors = [BounceRateColor, HardBounceColor],
            Stroke = new ApexStroke { Width = [3, 2], Curve = "straight", DashArray = [0, 4] },
            Markers = RateMarkers(bounceRates, threshold),
            XAxis = new ApexXAxis(Categories(stats)) { TickAmount = 10 },
            YAxis = axis,
            // A shaded band above the threshold plus a solid line on it, so it cannot be taken for
            // the dashed hard-bounce series.
            Annotations = new ApexAnnotations(
            [
                new ApexYAxisAnnotation(threshold, "transparent") { Y2 = top, FillColor = ThresholdColor, Opacity = 0.08, BorderWidth = 0 },
                new ApexYAxisAnnotation(threshold, ThresholdColor,
                    new ApexAnnotationLabel($"{threshold:0.#}% threshold", new ApexLabelStyle("#ffffff", ThresholdColor))),
            ]),
            DataLabels = new ApexDataLabels(false),
            Legend = new ApexLegend("top"),
            Tooltip = new ApexTooltip { ValueDecimals = 2, ValueSuffix = "%" },
        };
    }

    /// <summary>Daily volume stacked by outcome: delivered, soft, hard, rejected.</summary>
    public static ApexOptions Volume(DeliveryStats stats) => new()
    {
        Chart = new ApexChartSettings(ApexChartType.Bar, 300)
        {
            Stacked = true,
            Toolbar = new ApexToolbar(false),
            Zoom = new ApexZoom(false),
        },
        Series =
        [
            new ApexSeries("Delivered", stats.Days.Select(d => (double?)d.Counts.Delivered).ToList()),
            new ApexSeries("Soft bounces", stats.Days.Select(d => (double?)d.Counts.SoftBounces).ToList()),
            new ApexSeries("Hard bounces", stats.Days.Select(d => (double?)d.Counts.HardBounces).ToList()),
            new ApexSeries("Rejected", stats.Days.Select(d => (double?)d.Counts.Rejected).ToList()),
        ],
        Colors = [DeliveredColor, SoftBounceColor, HardBounceColor, RejectedColor],
        XAxis = new ApexXAxis(Categories(stats)) { TickAmount = 10 },
        YAxis = new ApexYAxis { Min = 0, LabelDecimals = 0 },
        PlotOptions = new ApexPlotOptions(new ApexBarOptions("70%")),
        DataLabels = new ApexDataLabels(false),
        Legend = new ApexLegend("top"),
        Tooltip = new ApexTooltip { ValueDecimals = 0 },
    };

    /// <summary>
    /// A dot on every point, so a day with mail between two without still shows (a line needs two
    /// points), and a bigger red one on each point at or above <paramref name="threshold"/> (percent).
    /// </summary>
    public static ApexMarkers RateMarkers(IReadOnlyList<double?> rates, double threshold) => new(3)
    {
        Discrete = [.. rates.Select((rate, i) => (Rate: rate, Index: i)).Where(x => x.Rate >= threshold)
            .Select(x => new ApexDiscreteMarker(0, x.Index, ThresholdColor, "#ffffff", 7))],
    };

    /// <summary>A percentage rounded to two decimals; null for a day with nothing sent (a gap, not a 0%).</summary>
    private static double? Percent(int part, int whole) =>
        whole == 0 ? null : Math.Round(100.0 * part / whole, 2);

    private static List<string> Categories(DeliveryStats stats) =>
        stats.Days.Select(d => d.Day.ToString("d MMM", CultureInfo.InvariantCulture)).ToList();
}
