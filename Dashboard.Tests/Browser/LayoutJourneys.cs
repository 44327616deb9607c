using Dashboard.Core.Sending;
using Dashboard.Core.Users;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Dashboard.Tests.Browser;

/// <summary>Phone and desktop widths, light and dark, keyboard: every page fits, reads, and keeps its place.</summary>
[Collection(BrowserCollection.Name)]
public sealed class LayoutJourneys(BrowserFixture browser)
{
    private static readonly PageWaitForURLOptions SameDocument = new() { WaitUntil = WaitUntilState.Commit };

    private readonly string _tag = Guid.NewGuid().ToString("N")[..10];

    // Every chart's threshold labels (5% threshold, Gmail's limit…) against its y axis's labels: the pairs that overlap.
    private const string CoveredAxisLabels = """
        () => {
            const hit = (a, b) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
            const found = [];
            for (const chart of document.querySelectorAll('.apex-chart')) {
                const ticks = [...chart.querySelectorAll('.apexcharts-yaxis-label')];
                for (const label of chart.querySelectorAll('.apexcharts-yaxis-annotations text')) {
                    for (const tick of ticks) {
                        if (label.textContent.trim() && hit(label.getBoundingClientRect(), tick.getBoundingClientRect())) {
                            found.push(`"${label.textContent}" over "${tick.textContent}"`);
                        }
                    }
                }
            }
            return found;
        }
        """;

    // Through the real pipeline to the sandbox: one delivered, one hard bounce (which suppresses).
    private async Task<SendResult> SeedAsync()
    {
        var send = browser.Services.GetRequiredService<SendService>();
        var marketer = new Actor(BrowserFixture.UserFor(Roles.Marketer).Email, new HashSet<string> { Roles.Marketer });
        return await send.SendAsync(new SendRequest($"news-{_tag}@company.example",
            [$"anyone+{_tag}@sandbox.test", $"unknown+{_tag}@sandbox.test"], "Layout check", "Hello", null), marketer);
    }

    [Theory]
    [InlineData(Roles.Marketer)]
    [InlineData(Roles.Admin)]
    public async Task EveryPageFitsAPhoneAndADesktopInLightAndDarkWithOneHeading(string role)
    {
        var result = await SeedAsync();
        var hard = result.Recipients.Single(r => r.Recipient.StartsWith("unknown+"));
        var pages = new List<(string Name, string Path)>
        {
            ("overview", "/"), ("activity", $"/activity?sender=news-{_tag}%40company.example"), ("message", $"/activity/{hard.PublicId}"),
            ("suppressions", "/suppressions"), ("send", "/send"), ("reports", "/reports"), ("alerts", "/alerts"), ("dmarc", "/dmarc"), ("domains", "/domains"),
        };
        if (role == Roles.Admin)
        {
            pages.AddRange([("users", "/users"), ("unmatched", "/unmatched"), ("integrations", "/integrations")]);
        }

        foreach (var dark in new[] { false, true })
        {
            await using var session = await browser.NewSessionAsync();
            // Less motion: each chart is final the moment it is drawn, so the screenshots show the charts whole.
            await session.Page.EmulateMediaAsync(new() { ColorScheme = dark ? ColorScheme.Dark : ColorScheme.Light, ReducedMotion = ReducedMotion.Reduce });
            await session.SignInAsAsync(role);
            foreach (var width in new[] { 1440, 390 })
            {
                await session.Page.SetViewportSizeAsync(width, width == 390 ? 844 : 900);
                foreach (var (name, path) in pages)
                {
                    await session.GoToAsync(path);
                    await Expect(session.Page.Locator("h1")).ToHaveCountAsync(1);
                    await session.Page.WaitForFunctionAsync("() => [...document.querySelectorAll('.apex-chart')].every(e => e.dataset.drawn === 'true')");
                    var overflow = await session.Page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
                    var covered = await session.Page.EvaluateAsync<string[]>(CoveredAxisLabels);
                    await session.ScreenshotAsync($"{name}-{width}-{(dark ? "dark" : "light")}-{role.ToLowerInvariant()}");
                    Assert.True(overflow <= 1, $"{path} at {width} px scrolls sideways by {overflow} px");
                    Assert.True(covered.Length == 0, $"{path} at {width} px: a chart's line label covers its axis: {string.Join("; ", covered)}");
                }
            }
            session.AssertNoConsoleErrors();
        }
    }

    [Fact]
    public async Task OnAPhoneActivityShowsWholeRecipientsTheMessageLeadsBackAndSuppressionsShowTheUnblockAction()
    {
        await SeedAsync();
        await using var session = await browser.NewSessionAsync();
        var page = session.Page;
        await page.SetViewportSizeAsync(390, 844);
        await session.SignInAsAsync(Roles.Admin, $"/activity?sender=news-{_tag}%40company.example&size=25");

        var recipient = page.Locator(".activity-recipient").Filter(new() { HasText = $"unknown+{_tag}@sandbox.test" });
        await Expect(recipient).ToBeVisibleAsync();
        // Not clipped: the whole address is on screen.
        Assert.True(await recipient.EvaluateAsync<bool>("e => e.scrollWidth <= e.clientWidth + 1"), "the recipient is cut off");
        var box = await recipient.BoundingBoxAsync();
        Assert.True(box!.X + box.Width <= 390, "the recipient runs off the screen");
        await Expect(page.Locator("tbody tr.mud-table-row").First).ToContainTextAsync("Hard bounce");

        await recipient.ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/activity/") && url.Contains("back="), SameDocument);
        await Expect(page.Locator("#message-resend-blocked")).ToContainTextAsync("is suppressed");
        await Expect(page.Locator("#message-resend")).ToHaveCountAsync(0);
        await page.GetByRole(AriaRole.Link, new() { Name = "Activity" }).First.ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("size=25") && url.Contains($"sender=news-{_tag}"), SameDocument);

        await session.GoToAsync($"/suppressions?value=unknown%2B{_tag}%40sandbox.test");
        var unblock = page.GetByRole(AriaRole.Button, new() { Name = $"Unblock unknown+{_tag}@sandbox.test" });
        await Expect(unblock).ToBeVisibleAsync();
        var unblockBox = await unblock.BoundingBoxAsync();
        Assert.True(unblockBox!.X >= 0 && unblockBox.X + unblockBox.Width <= 390, "Unblock is off-screen");
        await Expect(page.Locator("[data-testid=suppressions-table] [data-reason]").First).ToBeVisibleAsync();
        await session.ScreenshotAsync("journey-suppressions-390");
        session.AssertNoConsoleErrors();
    }

    [Fact]
    public async Task WalkingTheWhenListToCustomThenChoosingAStatusKeepsTheRangeInForce()
    {
        await SeedAsync();
        await using var session = await browser.NewSessionAsync();
        var page = session.Page;
        await session.SignInAsAsync(Roles.Marketer, $"/activity?range=30d&sender=news-{_tag}%40company.example");

        // The keyboard passes over "Custom range…" (it is chosen, then left without dates).
        await page.GetByLabel("When").SelectOptionAsync(new SelectOptionValue { Label = "Custom range…" });
        await page.Locator(".activity-filters").GetByRole(AriaRole.Button, new() { Name = "Status", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Checkbox, new() { Name = "Hard bounce" }).CheckAsync();
        await page.Keyboard.PressAsync("Escape");
        await page.WaitForURLAsync(url => url.Contains("status=hardbounced"), SameDocument);

        Assert.Contains("range=30d", page.Url);
        Assert.DoesNotContain("range=custom", page.Url);
        await Expect(page.Locator("tbody tr.mud-table-row")).ToHaveCountAsync(1);
        session.AssertNoConsoleErrors();
    }

    [Fact]
    public async Task DarkModeIsRememberedAcrossReloads()
    {
        await using var session = await browser.NewSessionAsync();
        var page = session.Page;
        await session.SignInAsAsync(Roles.Marketer);
        const string Background = "() => getComputedStyle(document.documentElement).getPropertyValue('--mud-palette-background').trim()";
        var light = await page.EvaluateAsync<string>(Background);

        await page.GetByRole(AriaRole.Button, new() { Name = "Toggle dark mode" }).ClickAsync();
        await page.WaitForFunctionAsync($"light => ({Background})() !== light", light);
        var dark = await page.EvaluateAsync<string>(Background);
        await page.ReloadAsync();
        await session.WaitForCircuitAsync();

        await page.WaitForFunctionAsync($"dark => ({Background})() === dark", dark);
        Assert.NotEqual(light, dark);
    }
}
