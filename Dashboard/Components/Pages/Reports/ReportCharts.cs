using System.Globalization;
using Dashboard.Components.Pages.Overview;
using Dashboard.Components.Shared.Charts;
using Dashboard.Core.Reporting;
using Dashboard.Core.Reporting.Rollups;

namespace Dashboard.Components.Pages.Reports;

/// <summary>Turns a report series into the Reports page's charts.</summary>
public static class ReportCharts
{
    /// <summary>Gmail's complaint-rate line for bulk senders (0.3%).</summary>
    public const double GmailComplaintLine = 0.003;

    /// <summary>The complaint rate to stay under (0.1%).</summary>
    public const double ComplaintThreshold = 0.001;

    /// <summary>
    /// Bounce rate and hard-bounce rate per point, the threshold annotated, points above it marked in
    /// red, each point linked (<paramref name="clickUrls"/>) to Activity.
    /// </summary>
    public static ApexOptions BounceRate(ReportSeries series, double threshold, IReadOnlyList<string> clickUrls)
    {
        var line = threshold * 100;
        var rates = series.Points.Select(p => Percent(p.Counts.Bounces, p.Counts.Attempted)).ToList();
        var hard = series.Points.Select(p => Percent(p.Counts.HardBounces, p.Counts.Attempted)).ToList();
        var axis = PercentAxis.For(rates.Max(), line);
        var top = axis.Max!.Value;
        return new ApexOptions
        {
            Chart = new ApexChartSettings(ApexChartType.Line, 300) { Toolbar = new ApexToolbar(false), Zoom = new ApexZoom(false) },
            Series = [new ApexSeries("Bounce rate", rates), new ApexSeries("Hard bounces", hard)],
            Colors = [OverviewCharts.BounceRateColor, OverviewCharts.HardBounceColor],
            Stroke = new ApexStroke { Width = [3, 2], Curve = "straight", DashArray = [0, 4] },
            Markers = OverviewCharts.RateMarkers(rates, line),
            XAxis = new ApexXAxis(Labels(series)) { TickAmount = 12 },
            YAxis = axis,
            Annotations = new ApexAnnotations(
            [
                new ApexYAxisAnnotation(line, "transparent") { Y2 = top, FillColor = OverviewCharts.ThresholdColor, Opacity = 0.08, BorderWidth = 0 },
                new ApexYAxisAnnotation(line, OverviewCharts.ThresholdColor,
                    new ApexAnnotationLabel($"{line:0.#}% threshold", new ApexLabelStyle("#ffffff", OverviewCharts.ThresholdColor))),
            ]),
            DataLabels = new ApexDataLabels(false),
            Legend = new ApexLegend("top"),
            Tooltip = new ApexTooltip { ValueDecimals = 2, ValueSuffix = "%" },
            ClickUrls = clickUrls,
        };
    }

    /// <summary>Complaint rate per point against 0.1% and Gmail's 0.3%.</summary>
    public static ApexOptions ComplaintRate(ReportSeries series)
    {
        var rates = series.Points.Select(p => p.Counts.Delivered == 0 ? null : (double?)Math.Round(100.0 * p.Counts.Complaints / p.Counts.Delivered, 3)).ToList();
        var top = Math.Max(0.4, Math.Ceiling(((rates.Max() ?? 0) + 0.05) * 10) / 10);
        return new ApexOptions
        {
            Chart = new ApexChartSettings(ApexChartType.Line, 260) { Toolbar = new ApexToolbar(false), Zoom = new ApexZoom(false) },
            Series = [new ApexSeries("Complaint rate", rates)],
            Colors = ["#8e24aa"],
            Stroke = new ApexStroke { Width = [3], Curve = "straight" },
            XAxis = new ApexXAxis(Labels(series)) { TickAmount = 12 },
            YAxis = new ApexYAxis { Min = 0, Max = top, LabelDecimals = 2, LabelSuffix = "%" },
            Annotations = new ApexAnnotations(
            [
                new ApexYAxisAnnotation(ComplaintThreshold * 100, OverviewCharts.SoftBounceColor,
                    new ApexAnnotationLabel("0.1% – stay under", new ApexLabelStyle("#ffffff", OverviewCharts.SoftBounceColor))) { StrokeDashArray = 4 },
                new ApexYAxisAnnotation(GmailComplaintLine * 100, OverviewCharts.ThresholdColor,
                    new ApexAnnotationLabel("0.3% – Gmail's limit", new ApexLabelStyle("#ffffff", OverviewCharts.ThresholdColor))),
            ]),
            DataLabels = new ApexDataLabels(false),
            Legend = new ApexLegend("top"),
            Tooltip = new ApexTooltip { ValueDecimals = 3, ValueSuffix = "%" },
        };
    }

    /// <summary>"14:00" for hourly points, "3 Nov" for daily ones.</summary>
    public static List<string> Labels(ReportSeries series) =>
        [.. series.Points.Select(p => series.Window.Period == RollupPeriod.Hour
            ? p.Start.ToString("d MMM HH:00", CultureInfo.InvariantCulture)
            : p.Start.ToString("d MMM", CultureInfo.InvariantCulture))];

    private static double? Percent(int part, int whole) => whole == 0 ? null : Math.Round(100.0 * part / whole, 2);
}
