using System.Text.Json;
using Bunit;
using Dashboard.Components.Layout;
using Dashboard.Components.Shared;
using Dashboard.Components.Shared.Charts;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace Dashboard.Tests.Pages.Overview;

public sealed class ChartDarkModeTests : IAsyncLifetime
{
    private readonly BunitContext _context = new();
    private readonly Dashboard.Tests.Alerts.AlertHarness _alerts = new();

    [Fact]
    public void TogglingDarkModeRedrawsChartsInDarkColours()
    {
        _context.JSInterop.Mode = JSRuntimeMode.Loose;
        var charts = _context.JSInterop.SetupModule(ApexChart.ModulePath);
        _context.Services.AddMudServices();
        // The layout carries the user menu (AuthorizeView) and reports interactivity for browser tests.
        _context.AddAuthorization();
        // …and the alert banner.
        _context.Services.AddSingleton(_alerts.Service);
        _context.Services.AddSingleton(_alerts.Feed);
        _context.Services.AddSingleton<Dashboard.Security.CurrentActor>();
        _context.Renderer.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        var options = new ApexOptions
        {
            Chart = new ApexChartSettings(ApexChartType.Line, 200),
            Series = [new ApexSeries("Bounce rate", [1.0, null, 2.5])],
        };
        RenderFragment body = b =>
        {
            b.OpenComponent<ApexChart>(0);
            b.AddAttribute(1, nameof(ApexChart.Options), options);
            b.CloseComponent();
        };
        var cut = _context.Render<MainLayout>(p => p.Add(l => l.Body, body));
        cut.WaitForAssertion(() => Assert.Single(charts.Invocations["render"]));

        cut.Find("button[aria-label='Toggle dark mode']").Click();

        cut.WaitForAssertion(() => Assert.Single(charts.Invocations["update"]));
        Assert.Equal("light", Mode(charts.Invocations["render"][0]));
        Assert.Equal("dark", Mode(charts.Invocations["update"][0]));
        var drawn = JsonDocument.Parse((string)charts.Invocations["update"][0].Arguments[1]!).RootElement;
        Assert.Equal(JsonValueKind.Null, drawn.GetProperty("series")[0].GetProperty("data")[1].ValueKind);
        Assert.Equal("transparent", drawn.GetProperty("chart").GetProperty("background").GetString());
    }

    private static string? Mode(JSRuntimeInvocation invocation) =>
        JsonDocument.Parse((string)invocation.Arguments[1]!).RootElement.GetProperty("theme").GetProperty("mode").GetString();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _context.DisposeAsync();
        await _alerts.DisposeAsync();
    }
}
