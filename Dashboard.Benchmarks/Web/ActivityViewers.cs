using Microsoft.Playwright;

namespace Dashboard.Benchmarks.Web;

/// <summary>
/// Headless chromium pages signed in to the app, each with its own Blazor circuit: Debian's
/// /usr/bin/chromium driven by Playwright (never <c>playwright install</c>), one browser context
/// (one sign-in cookie) for every page.
/// </summary>
internal sealed class ActivityViewers : IAsyncDisposable
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private readonly IPlaywright playwright;
    private readonly IBrowser browser;
    private readonly IBrowserContext context;
    private readonly List<IPage> pages = [];

    private ActivityViewers(IPlaywright playwright, IBrowser browser, IBrowserContext context)
    {
        this.playwright = playwright;
        this.browser = browser;
        this.context = context;
    }

    public int Count => pages.Count;

    /// <summary>Starts chromium and signs in through the real form; no page is open after.</summary>
    public static async Task<ActivityViewers> SignInAsync(Uri baseAddress, string email, string password)
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"{ChromiumPath} is missing: apt-get install chromium (scripts/test.sh installs it).");
        }
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                "--disable-component-update", "--no-first-run",
            ],
        });
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseAddress.ToString(),
            IgnoreHTTPSErrors = true,
            ViewportSize = new ViewportSize { Width = 1280, Height = 800 },
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync("account/signin");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/account/signin"));
        // Leaving the page sends Blazor's disconnect beacon: the landing page's circuit ends now.
        await page.GotoAsync("about:blank");
        await page.CloseAsync();
        return new ActivityViewers(playwright, browser, context);
    }

    /// <summary>
    /// Opens <paramref name="count"/> more pages on <paramref name="path"/>, each waited on until its
    /// circuit is interactive and, given <paramref name="ready"/>, until that selector matches (the
    /// rows: a page measured before they arrive is still loading, not the page a reader keeps open).
    /// </summary>
    public async Task OpenAsync(int count, string path, string? ready = null)
    {
        for (var i = 0; i < count; i++)
        {
            var page = await context.NewPageAsync();
            await page.GotoAsync(path);
            // MainLayout renders #blazor-interactive[data-interactive=true] on its first interactive render.
            await page.WaitForFunctionAsync(
                "() => window.Blazor !== undefined && document.querySelector('#blazor-interactive')?.dataset.interactive === 'true'",
                null, new PageWaitForFunctionOptions { Timeout = 120_000 });
            if (ready is not null)
            {
                await page.Locator(ready).First.WaitForAsync(new LocatorWaitForOptions { Timeout = 120_000 });
            }
            pages.Add(page);
        }
    }

    /// <summary>Navigates every page away (Blazor's disconnect beacon ends its circuit at once), then closes it.</summary>
    public async Task LeaveAllAsync()
    {
        foreach (var page in pages)
        {
            await page.GotoAsync("about:blank");
            await page.CloseAsync();
        }
        pages.Clear();
    }

    /// <summary>
    /// Closes every page without running unload handlers, as a crashed or killed tab would: Blazor
    /// gets no "disconnect" beacon, so the server keeps each circuit for its retention period.
    /// </summary>
    public async Task CloseAllAsync()
    {
        foreach (var page in pages)
        {
            await page.CloseAsync(new PageCloseOptions { RunBeforeUnload = false });
        }
        pages.Clear();
    }

    public async ValueTask DisposeAsync()
    {
        await context.CloseAsync();
        await browser.CloseAsync();
        playwright.Dispose();
    }
}
