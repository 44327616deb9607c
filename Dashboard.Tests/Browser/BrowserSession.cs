using Microsoft.Playwright;

namespace Dashboard.Tests.Browser;

/// <summary>One browser context and page, with the helpers every journey needs.</summary>
public sealed class BrowserSession : IAsyncDisposable
{
    private readonly IBrowserContext _context;
    private readonly List<string> _consoleErrors = [];

    public BrowserSession(IBrowserContext context, IPage page)
    {
        _context = context;
        Page = page;
        // CSP violations and script errors show up here; a journey ends with AssertNoConsoleErrors.
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                _consoleErrors.Add($"{message.Text} ({message.Location})");
            }
        };
        page.PageError += (_, error) => _consoleErrors.Add(error);
    }

    public IPage Page { get; }

    /// <summary>Errors the page logged so far (CSP violations, exceptions).</summary>
    public IReadOnlyList<string> ConsoleErrors => _consoleErrors;

    /// <summary>Signs in through the real form as the seeded user of <paramref name="role"/>, then waits for the circuit.</summary>
    public async Task SignInAsAsync(string role, string returnUrl = "/")
    {
        var user = BrowserFixture.UserFor(role);
        await SignInAsync(user.Email, user.Password, returnUrl);
    }

    /// <summary>Signs in through the real form, then waits for the interactive circuit of the page it lands on.</summary>
    public async Task SignInAsync(string email, string password, string returnUrl = "/")
    {
        await Page.GotoAsync($"account/signin?ReturnUrl={Uri.EscapeDataString(returnUrl)}");
        await Page.GetByLabel("Email").FillAsync(email);
        await Page.GetByLabel("Password").FillAsync(password);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Page.WaitForURLAsync(url => !url.Contains("/account/signin"));
        await WaitForCircuitAsync();
    }

    /// <summary>Opens <paramref name="path"/> (relative, e.g. "users") and waits for the circuit.</summary>
    public async Task GoToAsync(string path)
    {
        await Page.GotoAsync(path);
        await WaitForCircuitAsync();
    }

    /// <summary>
    /// The prerendered page is inert until Blazor's circuit connects (~1–2 s): clicks before that
    /// do nothing. MainLayout renders #blazor-interactive[data-interactive=true] on its first
    /// interactive render.
    /// </summary>
    public Task WaitForCircuitAsync() =>
        Page.WaitForFunctionAsync(
            "() => window.Blazor !== undefined && document.querySelector('#blazor-interactive')?.dataset.interactive === 'true'");

    /// <summary>
    /// Clicks <paramref name="target"/> until <paramref name="appears"/> shows (at most three times).
    /// For a click that opens something, on a page whose table loads its rows after the circuit
    /// connects: a click landing while the rows are drawn again is dropped by Blazor, as a user's
    /// would be; the user clicks again, and so does this.
    /// </summary>
    public Task ClickUntilAsync(ILocator target, ILocator appears) =>
        ClickUntilAsync(target, () => appears.WaitForAsync(new() { Timeout = 5_000 }));

    /// <summary>
    /// Clicks <paramref name="target"/> until <paramref name="gone"/> is gone (at most three times):
    /// the same for a click that removes something, such as a banner redrawn by a change elsewhere.
    /// </summary>
    public Task ClickUntilGoneAsync(ILocator target, ILocator gone) =>
        ClickUntilAsync(target, () => gone.WaitForAsync(new() { State = WaitForSelectorState.Detached, Timeout = 5_000 }));

    private static async Task ClickUntilAsync(ILocator target, Func<Task> done)
    {
        for (var attempt = 1; ; attempt++)
        {
            await target.ClickAsync();
            try
            {
                await done();
                return;
            }
            catch (TimeoutException) when (attempt < 3)
            {
            }
        }
    }

    /// <summary>Saves a full-page PNG under TestResults/screenshots/&lt;name&gt;.png and returns its path.</summary>
    public async Task<string> ScreenshotAsync(string name)
    {
        var directory = Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots");
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, name + ".png");
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        return path;
    }

    /// <summary>Screenshots at 1440 and 390 wide, light and dark (the layout's toggle, so the page keeps its state).</summary>
    public async Task ScreenshotEverySizeAndThemeAsync(string name)
    {
        var toggle = Page.GetByRole(AriaRole.Button, new() { Name = "Toggle dark mode" });
        foreach (var (width, height) in new[] { (1440, 900), (390, 844) })
        {
            await Page.SetViewportSizeAsync(width, height);
            await Page.WaitForTimeoutAsync(300);
            await ScreenshotAsync($"{name}-{width}-light");
            await toggle.ClickAsync();
            await Page.WaitForTimeoutAsync(300);
            await ScreenshotAsync($"{name}-{width}-dark");
            await toggle.ClickAsync();
        }
        await Page.SetViewportSizeAsync(1280, 800);
    }

    public void AssertNoConsoleErrors() =>
        Assert.True(_consoleErrors.Count == 0, "The page logged errors:\n" + string.Join("\n", _consoleErrors));

    public async ValueTask DisposeAsync() => await _context.DisposeAsync();
}
