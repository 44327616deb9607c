using System.Text.Json;
using Bunit;
using Dashboard.Components.Shared;
using Dashboard.Core.Activity;
using Dashboard.Core.Messages;
using Dashboard.Core.Reporting;
using Dashboard.Tests.Reporting;
using Dashboard.Tests.Support;
using Dashboard.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MudBlazor;
using MudBlazor.Services;
using OverviewPage = Dashboard.Components.Pages.Overview.Overview;

namespace Dashboard.Tests.Pages.Overview;

public sealed class OverviewTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 15, 30, 0, TimeSpan.Zero);

    private readonly TestDatabase _database = new();
    private readonly BunitContext _context = new();
    private readonly FakeTimeProvider _time = new(Now);
    private readonly ActivityFeed _feed = new();
    private readonly BunitJSModuleInterop _charts;
    private readonly CountingDbContextFactory _queries;

    public OverviewTests()
    {
        _context.JSInterop.Mode = JSRuntimeMode.Loose;
        _charts = _context.JSInterop.SetupModule(ApexChart.ModulePath);
        _context.Services.AddMudServices();
        _context.Services.AddSingleton<TimeProvider>(_time);
        _context.Services.AddSingleton(_feed);
        _queries = new CountingDbContextFactory(_database.Factory);
        _context.Services.AddSingleton(new DeliveryStatsService(_queries, _time));
        _context.Services.AddSingleton<SharedDeliveryStats>();
        _context.Services.AddSingleton(new Dashboard.Core.Domains.SenderDomainQueries(_database.Factory, new Dashboard.Core.Domains.DomainRecords(
            Microsoft.Extensions.Options.Options.Create(new Dashboard.Core.Domains.DomainOptions()),
            Microsoft.Extensions.Options.Options.Create(new Dashboard.Core.Sending.ReturnPathOptions()),
            Microsoft.Extensions.Options.Options.Create(new Dashboard.Core.Dmarc.DmarcOptions()))));
    }

    [Fact]
    public async Task CardsShowTheLastThirtyDaysFromTheDatabase()
    {
        await _database.AddAsync(Now.AddDays(-2), MessageStatus.Delivered, 180);
        await _database.AddAsync(Now.AddDays(-2), MessageStatus.SoftBounced, 6);
        await _database.AddAsync(Now.AddDays(-5), MessageStatus.HardBounced, 4);
        await _database.AddAsync(Now.AddDays(-5), MessageStatus.Rejected, 10);
        await _database.AddAsync(Now.AddDays(-40), MessageStatus.HardBounced, 50); // older than the window

        var cut = RenderOverview();

        Assert.Equal("200", Figure(cut, "processed"));
        Assert.Equal("180", Figure(cut, "delivered"));
        Assert.Equal("4", Figure(cut, "hard-bounces"));
        Assert.Equal("6", Figure(cut, "soft-bounces"));
        Assert.Equal("10", Figure(cut, "rejected"));
        // (4 + 6) / (200 - 10): rejected sends are not in the denominator.
        Assert.Equal("5.26%", Figure(cut, "bounce-rate"));
        Assert.Contains("2.11%", cut.Find("[data-stat=hard-bounces] .stat-caption").TextContent);
    }

    [Theory]
    [InlineData(39, "healthy", "mud-success-text")]
    [InlineData(49, "approaching", "mud-warning-text")]
    [InlineData(50, "atrisk", "mud-error-text")]
    [InlineData(80, "atrisk", "mud-error-text")]
    public async Task BounceRateCardChangesColourAtTheThreshold(int bounces, string state, string colourClass)
    {
        // Out of 1,000 attempted; 500 rejected sends would pull every rate under 4% if they were counted.
        var at = Now.AddDays(-1);
        await _database.AddAsync(at, MessageStatus.Delivered, 1000 - bounces);
        await _database.AddAsync(at, MessageStatus.HardBounced, bounces);
        await _database.AddAsync(at, MessageStatus.Rejected, 500);

        var cut = RenderOverview();

        var card = cut.Find("[data-stat=bounce-rate]");
        Assert.Equal(state, card.GetAttribute("data-state"));
        Assert.Contains(colourClass, cut.Find("[data-stat=bounce-rate] .stat-value").ClassList);
        Assert.Equal($"{bounces / 10.0:0.00}%", Figure(cut, "bounce-rate"));
    }

    [Fact]
    public void BounceRateCardSaysWhatTheThresholdMeansAndHowTheRateIsComputed()
    {
        var cut = RenderOverview();

        var card = cut.Find("[data-stat=bounce-rate]");
        Assert.Contains("Threshold 5%", card.TextContent);
        Assert.Contains("throttle or block", card.TextContent);
        Assert.Contains("(hard + soft bounces) ÷ (processed − rejected)", card.InnerHtml);
    }

    [Fact]
    public async Task BounceRateChartGetsDailyRatesAndTheThresholdLine()
    {
        var badDay = new DateTimeOffset(2026, 11, 20, 9, 0, 0, TimeSpan.Zero);
        await _database.AddAsync(badDay, MessageStatus.Delivered, 90);
        await _database.AddAsync(badDay, MessageStatus.HardBounced, 6);
        await _database.AddAsync(badDay, MessageStatus.SoftBounced, 4);
        await _database.AddAsync(badDay, MessageStatus.Rejected, 25);
        var goodDay = new DateTimeOffset(2026, 11, 27, 9, 0, 0, TimeSpan.Zero);
        await _database.AddAsync(goodDay, MessageStatus.Delivered, 199);
        await _database.AddAsync(goodDay, MessageStatus.SoftBounced, 1);

        var cut = RenderOverview();
        var chart = ChartOfType(cut, "line");

        var series = chart.GetProperty("series");
        Assert.Equal("Bounce rate", series[0].GetProperty("name").GetString());
        Assert.Equal("Hard-bounce rate", series[1].GetProperty("name").GetString());
        var rates = series[0].GetProperty("data");
        var hardRates = series[1].GetProperty("data");
        Assert.Equal(30, rates.GetArrayLength());
        var badIndex = DayIndex(chart, "20 Nov");
        Assert.Equal(10.0, rates[badIndex].GetDouble());     // (6 + 4) / (125 - 25)
        Assert.Equal(6.0, hardRates[badIndex].GetDouble());
        Assert.Equal(0.5, rates[DayIndex(chart, "27 Nov")].GetDouble());
        Assert.Equal(JsonValueKind.Null, rates[DayIndex(chart, "21 Nov")].ValueKind); // nothing sent: a gap, not 0%
        var annotations = chart.GetProperty("annotations").GetProperty("yaxis").EnumerateArray().ToList();
        var line = annotations.Single(a => a.TryGetProperty("label", out _));
        Assert.Equal(5.0, line.GetProperty("y").GetDouble());
        Assert.Contains("5% threshold", line.GetProperty("label").GetProperty("text").GetString());
        var top = chart.GetProperty("yaxis").GetProperty("max").GetDouble();
        Assert.True(top > 10.0);
        var band = annotations.Single(a => a.TryGetProperty("y2", out _));
        Assert.Equal((5.0, top), (band.GetProperty("y").GetDouble(), band.GetProperty("y2").GetDouble()));
        // A dot on every day, so a day with mail between two without still shows; the day over the line in red.
        var markers = chart.GetProperty("markers");
        Assert.True(markers.GetProperty("size").GetInt32() > 0);
        var marked = Assert.Single(markers.GetProperty("discrete").EnumerateArray());
        Assert.Equal((0, badIndex), (marked.GetProperty("seriesIndex").GetInt32(), marked.GetProperty("dataPointIndex").GetInt32()));
    }

    [Fact]
    public async Task VolumeChartStacksDeliveredSoftHardAndRejectedPerDay()
    {
        var day = new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);
        await _database.AddAsync(day, MessageStatus.Delivered, 7);
        await _database.AddAsync(day, MessageStatus.SoftBounced, 3);
        await _database.AddAsync(day, MessageStatus.HardBounced, 2);
        await _database.AddAsync(day, MessageStatus.Rejected, 1);

        var cut = RenderOverview();
        var chart = ChartOfType(cut, "bar");

        Assert.True(chart.GetProperty("chart").GetProperty("stacked").GetBoolean());
        var series = chart.GetProperty("series").EnumerateArray().ToList();
        Assert.Equal(["Delivered", "Soft bounces", "Hard bounces", "Rejected"], series.Select(s => s.GetProperty("name").GetString()));
        var index = DayIndex(chart, "25 Nov");
        Assert.Equal([7.0, 3.0, 2.0, 1.0], series.Select(s => s.GetProperty("data")[index].GetDouble()));
        Assert.All(series, s => Assert.Equal(0.0, s.GetProperty("data")[index - 1].GetDouble()));
    }

    [Fact]
    public async Task NewMessagesShowWithoutReloading()
    {
        var cut = RenderOverview();
        Assert.Equal("0", Figure(cut, "processed"));

        await _database.AddAsync(Now, MessageStatus.Delivered, 2);
        await _database.AddAsync(Now, MessageStatus.HardBounced);
        _feed.Publish([new MessageChange(1, "m", MessageStatus.Delivered, Now)]);

        cut.WaitForAssertion(() => Assert.Equal("3", Figure(cut, "processed")));
        Assert.Equal("1", Figure(cut, "hard-bounces"));
        Assert.Equal("33.33%", Figure(cut, "bounce-rate"));
        // The charts are redrawn in place with the new figures.
        cut.WaitForAssertion(() => Assert.NotEmpty(_charts.Invocations["update"]));
    }

    [Fact]
    public async Task LeavingThePageStopsListening()
    {
        RenderOverview();
        var queriesWhileOpen = _queries.Created;

        await _context.DisposeComponentsAsync();
        _feed.Publish([new MessageChange(1, "m", MessageStatus.Delivered, Now)]);
        await Task.Delay(300); // the feed runs handlers on the thread pool: give a leaked one time to query

        Assert.Equal(1, queriesWhileOpen);
        Assert.Equal(1, _queries.Created);
    }

    [Fact]
    public async Task OpenPagesShareOneCountAndAChangeCostsOneMore()
    {
        await _database.AddAsync(Now, MessageStatus.Delivered, 2);
        var first = RenderOverview();
        // More open tabs: further pages (the popover provider is one per app).
        var second = _context.Render<OverviewPage>();
        var third = _context.Render<OverviewPage>();
        second.WaitForElement("[data-stat=processed]");
        third.WaitForElement("[data-stat=processed]");
        Assert.Equal(1, _queries.Created);

        await _database.AddAsync(Now, MessageStatus.HardBounced);
        _feed.Publish([new MessageChange(1, "m", MessageStatus.HardBounced, Now)]);

        foreach (var page in new[] { first, second, third })
        {
            page.WaitForAssertion(() => Assert.Equal("3", Figure(page, "processed")));
        }
        Assert.Equal(2, _queries.Created);
    }

    private IRenderedComponent<OverviewPage> RenderOverview()
    {
        _context.Render<MudPopoverProvider>();
        var cut = _context.Render<OverviewPage>();
        cut.WaitForElement("[data-stat=processed]");
        return cut;
    }

    private static string Figure(IRenderedComponent<OverviewPage> cut, string stat) =>
        cut.Find($"[data-stat={stat}] .stat-value").TextContent.Trim();

    /// <summary>The options JSON handed to apexInterop.js for the chart of the given type.</summary>
    private JsonElement ChartOfType(IRenderedComponent<OverviewPage> cut, string type)
    {
        cut.WaitForAssertion(() => Assert.Equal(2, _charts.Invocations["render"].Count));
        return _charts.Invocations["render"]
            .Select(i => JsonDocument.Parse((string)i.Arguments[1]!).RootElement)
            .Single(o => o.GetProperty("chart").GetProperty("type").GetString() == type);
    }

    private static int DayIndex(JsonElement chart, string label) =>
        chart.GetProperty("xaxis").GetProperty("categories").EnumerateArray().Select(c => c.GetString()).ToList().IndexOf(label);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _context.DisposeAsync();
        _database.Dispose();
    }
}
