using System.Text.Json;
using Bunit;
using Dashboard.Components.Pages.Reports;
using Dashboard.Components.Shared.Charts;
using Dashboard.Core.Classification;
using Dashboard.Core.Reporting;
using Dashboard.Core.Reporting.Rollups;
using MudBlazor.Services;

namespace Dashboard.Tests.Pages.Reports;

public sealed class ReportComponentsTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Day0 = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly BunitContext _context = new();

    public Task InitializeAsync()
    {
        _context.JSInterop.Mode = JSRuntimeMode.Loose;
        _context.Services.AddMudServices();
        return Task.CompletedTask;
    }

    [Fact]
    public void BounceRateChartAnnotatesTheThresholdMarksPointsAboveItAndLinksEachDay()
    {
        var series = Series(new DeliveryCounts(100, 98, 1, 1, 0), new DeliveryCounts(100, 92, 2, 6, 0), DeliveryCounts.Empty);
        var links = ReportLinks.PerPoint(series, new ReportFilter { Sender = "news@shop.example" });

        var json = JsonDocument.Parse(ApexJson.Serialize(ReportCharts.BounceRate(series, 0.05, links))).RootElement;

        var annotation = json.GetProperty("annotations").GetProperty("yaxis")[1];
        Assert.Equal(5, annotation.GetProperty("y").GetDouble());
        Assert.Equal("5% threshold", annotation.GetProperty("label").GetProperty("text").GetString());
        var marked = Assert.Single(json.GetProperty("markers").GetProperty("discrete").EnumerateArray());
        Assert.Equal(1, marked.GetProperty("dataPointIndex").GetInt32());
        Assert.Equal([2.0, 8.0], json.GetProperty("series")[0].GetProperty("data").EnumerateArray().Take(2).Select(v => v.GetDouble()));
        Assert.Equal(JsonValueKind.Null, json.GetProperty("series")[0].GetProperty("data")[2].ValueKind);
        Assert.Equal("/activity?range=custom&from=2026-11-02&to=2026-11-03&status=softbounced%2Chardbounced&sender=news%40shop.example",
            json.GetProperty("clickUrls")[1].GetString());
    }

    [Fact]
    public void ComplaintChartDrawsBothLines()
    {
        var json = JsonDocument.Parse(ApexJson.Serialize(ReportCharts.ComplaintRate(Series(new DeliveryCounts(1000, 1000, 0, 0, 0, Complaints: 2))))).RootElement;

        var lines = json.GetProperty("annotations").GetProperty("yaxis").EnumerateArray().Select(a => a.GetProperty("y").GetDouble());
        Assert.Equal([0.1, 0.3], lines);
        Assert.Equal(0.2, json.GetProperty("series")[0].GetProperty("data")[0].GetDouble());
    }

    [Fact]
    public void BreakdownTableMarksALineAtOrAboveTheThresholdAndNamesWhoMustAct()
    {
        string? selected = null;
        var rows = new[]
        {
            new BreakdownRow("Google", new DeliveryCounts(1000, 990, 5, 5, 0), [1.0, null], Reasons.UserUnknown),
            new BreakdownRow("Microsoft", new DeliveryCounts(200, 180, 20, 0, 0, Complaints: 1), [10.0, 10.0], Reasons.Blocked),
        };

        var cut = _context.Render<BreakdownTable>(p => p
            .Add(t => t.Name, "provider").Add(t => t.Title, "By mailbox provider").Add(t => t.Rows, rows)
            .Add(t => t.Select, (string key) => selected = key));

        Assert.Empty(cut.FindAll("tr[data-key='Google'].at-risk"));
        var microsoft = cut.Find("tr[data-key='Microsoft']");
        Assert.Contains("at-risk", microsoft.ClassList);
        Assert.Contains("10.0%", microsoft.TextContent);
        Assert.Contains("your side", microsoft.TextContent);
        Assert.Contains("the address", cut.Find("tr[data-key='Google']").TextContent);
        Assert.Equal(2, cut.Find("tr[data-key='Microsoft'] svg.sparkline").QuerySelectorAll("line, polyline").Length);
        cut.Find("tr[data-key='Microsoft'] a").Click();
        Assert.Equal("Microsoft", selected);
    }

    [Fact]
    public void BounceReasonsAreGroupedByWhoMustAct()
    {
        var reasons = new[]
        {
            new ReasonCount(Reasons.UserUnknown, true, ActingParty.TheAddress, 30),
            new ReasonCount(Reasons.MailboxFull, false, ActingParty.RecipientSide, 12),
            new ReasonCount(Reasons.Blocked, false, ActingParty.YourSide, 7),
            new ReasonCount(Reasons.SpamDetected, false, ActingParty.YourSide, 2),
        };

        var cut = _context.Render<BounceReasonsTable>(p => p.Add(t => t.Reasons, reasons));

        Assert.Contains("The address (30)", cut.Find("[data-party=theaddress]").TextContent);
        Assert.Contains("The mailbox is full", cut.Find("[data-party=recipientside]").TextContent);
        var yours = cut.Find("[data-party=yourside]");
        Assert.Contains("Your side (9)", yours.TextContent);
        Assert.Contains("blocklist", yours.TextContent);
    }

    private static ReportSeries Series(params DeliveryCounts[] days)
    {
        var window = new ReportWindow(Day0, Day0.AddDays(days.Length), RollupPeriod.Day);
        var points = days.Select((c, i) => new ReportPoint(Day0.AddDays(i), c)).ToList();
        return new ReportSeries(window, points, points.Aggregate(DeliveryCounts.Empty, (s, p) => s + p.Counts));
    }

    public Task DisposeAsync() => _context.DisposeAsync().AsTask();
}
