using System.Text.RegularExpressions;
using Dashboard.Core.Users;
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

    private static ILocator Nav(BrowserSession session, string name) =>
        session.Page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = name, Exact = true });
}
