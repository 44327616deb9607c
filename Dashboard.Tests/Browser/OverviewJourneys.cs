using System.Text.RegularExpressions;
using Dashboard.Core.Sending;
using Dashboard.Core.Users;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Dashboard.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class OverviewJourneys(BrowserFixture browser)
{
    [Fact]
    public async Task LeavingTheOverviewWhileItsChartsAreDrawnKeepsThePageAlive()
    {
        await using var session = await browser.NewSessionAsync();
        await session.SignInAsAsync(Roles.Marketer);

        // Away at once, back and away again: each time the charts are still loading or drawing.
        for (var i = 0; i < 5; i++)
        {
            await Nav(session, "Suppressions").ClickAsync();
            await Nav(session, "Overview").ClickAsync();
        }
        await Nav(session, "Activity").ClickAsync();

        // A dead circuit would leave the page inert: navigation by link still works only if it lives.
        await Expect(session.Page).ToHaveURLAsync(new Regex("/activity"));
        await Nav(session, "Send").ClickAsync();
        await Expect(session.Page.Locator("[data-field=from] input")).ToBeVisibleAsync();
        session.AssertNoConsoleErrors();
    }

    [Fact]
    public async Task WhenLessMotionIsAskedForTheChartsAreDrawnAtOnceInTheirFinalState()
    {
        // Through the real pipeline to the sandbox (the Send page's call waits for the answers): bars for today.
        var send = browser.Services.GetRequiredService<SendService>();
        var marketer = new Actor(BrowserFixture.UserFor(Roles.Marketer).Email, new HashSet<string> { Roles.Marketer });
        var tag = Guid.NewGuid().ToString("N")[..10];
        await send.SendAsync(new SendRequest($"motion-{tag}@company.example",
            [$"anyone+{tag}@sandbox.test", $"unknown+{tag}@sandbox.test"], "Motion check", "Hello", null), marketer);

        await using var session = await browser.NewSessionAsync();
        await session.Page.EmulateMediaAsync(new() { ReducedMotion = ReducedMotion.Reduce });
        await session.SignInAsAsync(Roles.Marketer);
        var charts = session.Page.Locator(".apex-chart");
        await Expect(charts).ToHaveCountAsync(2);
        for (var i = 0; i < 2; i++)
        {
            await Expect(charts.Nth(i)).ToHaveAttributeAsync("data-drawn", "true");
        }

        // The moment a chart is drawn its series are where they end: nothing sweeps in or grows afterwards.
        var drawn = await SeriesShapesAsync(charts);
        await session.Page.WaitForTimeoutAsync(1500);
        var later = await SeriesShapesAsync(charts);
        Assert.Contains(drawn, shape => shape.Height > 0);
        Assert.Equal(later, drawn);
        session.AssertNoConsoleErrors();
    }

    // Every series path of every chart: its outline and its drawn height (a growing bar changes both).
    private static async Task<List<(string Outline, int Height)>> SeriesShapesAsync(ILocator charts)
    {
        var shapes = await charts.EvaluateAllAsync<string[][]>(
            "els => els.flatMap(e => [...e.querySelectorAll('.apexcharts-series path')].map(p => [p.getAttribute('d') ?? '', String(Math.round(p.getBBox().height))]))");
        return [.. shapes.Select(s => (s[0], int.Parse(s[1], System.Globalization.CultureInfo.InvariantCulture)))];
    }

    private static ILocator Nav(BrowserSession session, string name) =>
        session.Page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = name, Exact = true });
}
