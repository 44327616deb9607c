using Bunit;
using Dashboard.Components.Pages.Activity;
using Dashboard.Core.Activity;
using Dashboard.Core.Messages;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using MudBlazor.Services;

namespace Dashboard.Tests.Activity;

public sealed class ActivityFilterBarTests : IAsyncDisposable
{
    private readonly BunitContext _context = new();
    private readonly List<ActivityFilter> _applied = [];

    public ActivityFilterBarTests()
    {
        _context.JSInterop.Mode = JSRuntimeMode.Loose;
        _context.Services.AddMudServices();
    }

    [Fact]
    public void EachStatusTickAppliesAtOnceAndEscapeClosesTheList()
    {
        var bar = Render(ActivityFilter.Default);

        bar.Find("#activity-status").Click();
        Assert.Equal("true", bar.Find("#activity-status").GetAttribute("aria-expanded"));
        bar.FindAll("#activity-status-menu label").Single(l => l.TextContent.Contains("Hard bounce")).QuerySelector("input[type=checkbox]")!.Change(true);
        bar.Find(".activity-menu-anchor").KeyDown(new KeyboardEventArgs { Key = "Escape" });

        Assert.Equal([MessageStatus.HardBounced], Assert.Single(_applied).Statuses);
        Assert.Equal("false", bar.Find("#activity-status").GetAttribute("aria-expanded"));
        Assert.Empty(bar.FindAll("#activity-status-menu"));
    }

    [Fact]
    public void TypedTextWaitsForEnterOrApply()
    {
        var bar = Render(ActivityFilter.Default);

        bar.Find("#activity-recipient").Input("bob@example.com");
        bar.Find("#activity-subject").Input("invoice");
        Assert.Empty(_applied);
        bar.Find("form").Submit();

        var filter = Assert.Single(_applied);
        Assert.Equal("bob@example.com", filter.Recipient);
        Assert.Equal("invoice", filter.Subject);
    }

    [Fact]
    public void CustomRangeWaitsForItsDatesAndAnySourceClearsTheSource()
    {
        var bar = Render(ActivityFilter.Default with { Source = MessageSource.Api });

        bar.Find("#activity-range").Change(nameof(ActivityRange.Custom));
        Assert.Empty(_applied);
        Assert.Contains("From – to (UTC days)", bar.Markup);
        bar.Find("#activity-source").Change("");

        var filter = Assert.Single(_applied);
        Assert.Null(filter.Source);
        Assert.Equal(ActivityRange.Last7Days, filter.Range);
    }

    private IRenderedComponent<ActivityFilterBar> Render(ActivityFilter filter) =>
        _context.Render<ActivityFilterBar>(p => p
            .Add(x => x.Filter, filter)
            .Add(x => x.FilterChanged, EventCallback.Factory.Create<ActivityFilter>(this, f => _applied.Add(f))));

    public async ValueTask DisposeAsync() => await _context.DisposeAsync();
}
