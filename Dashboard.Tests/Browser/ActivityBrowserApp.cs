using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Dashboard.Tests.Browser;

/// <summary>
/// A minimal browser harness for the activity journeys, until the shared one (auth branch) is on
/// main: the real app on Kestrel at 127.0.0.1 with a free port and a temporary SQLite file, and a
/// headless Debian chromium. Seed through <see cref="Services"/> after <see cref="InitializeAsync"/>.
/// </summary>
public sealed class ActivityBrowserApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private readonly string _databasePath = Path.Combine(Path.GetTempPath(), $"activity-e2e-{Guid.NewGuid():N}.db");
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public ActivityBrowserApp()
    {
        UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
    }

    /// <summary>Where the app listens, e.g. http://127.0.0.1:41234/.</summary>
    public Uri RootUri
    {
        get
        {
            StartServer();
            var addresses = Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>();
            return new Uri(addresses.Addresses.First().TrimEnd('/') + "/");
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // Development serves the package assets (MudBlazor, blazor.web.js) from the build's manifest.
        builder.UseEnvironment("Development");
        builder.UseSetting("Database:Path", _databasePath);
        builder.UseSetting("Demo:Enabled", "false");
    }

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"{ChromiumPath} is missing: apt-get install chromium.");
        }
        StartServer();
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                "--disable-component-update", "--no-first-run",
            ],
        });
    }

    /// <summary>A fresh context (own cookies) and page at 1366×900, relative URLs resolved against the app.</summary>
    public async Task<IPage> NewPageAsync()
    {
        var context = await _browser!.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = RootUri.ToString(),
            ViewportSize = new ViewportSize { Width = 1366, Height = 900 },
            TimezoneId = "Europe/Berlin",
        });
        context.SetDefaultTimeout(20_000);
        return await context.NewPageAsync();
    }

    /// <summary>The activity pages render data-interactive="true" once their circuit is up; clicks before that do nothing.</summary>
    public static Task WaitForCircuitAsync(IPage page) =>
        page.WaitForFunctionAsync("() => window.Blazor !== undefined && document.querySelector('[data-interactive=true]') !== null");

    /// <summary>Saves a full-page PNG when ACTIVITY_SCREENSHOTS names a folder (for looking at the pages).</summary>
    public static async Task ScreenshotAsync(IPage page, string name)
    {
        var folder = Environment.GetEnvironmentVariable("ACTIVITY_SCREENSHOTS");
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name + ".png"), FullPage = true });
        }
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }
        _playwright?.Dispose();
        await DisposeAsync();
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { _databasePath, _databasePath + "-wal", _databasePath + "-shm" })
        {
            File.Delete(file);
        }
    }
}
