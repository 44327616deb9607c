using Dashboard.Core.Users;
using Microsoft.Playwright;

namespace Dashboard.Tests.Browser;

/// <summary>
/// End-to-end harness: one real app (Kestrel on 127.0.0.1, temp SQLite, users from
/// <see cref="Support.DashboardWebFactory"/>) and one headless Debian chromium, shared by every
/// test in the "Browser" collection. To add a journey:
/// <code>
/// [Collection(BrowserCollection.Name)]
/// public sealed class SuppressionJourneys(BrowserFixture browser)
/// {
///     [Fact]
///     public async Task AdminUnblocksAnAddress()
///     {
///         await using var session = await browser.NewSessionAsync();      // own cookies
///         await session.SignInAsAsync(Roles.Admin);                         // lands on /, circuit up
///         await session.GoToAsync("suppressions");                          // navigates + waits for the circuit
///         await session.Page.GetByRole(AriaRole.Button, new() { Name = "Unblock" }).ClickAsync();
///         await Assertions.Expect(session.Page.GetByText("Unblocked")).ToBeVisibleAsync();
///         session.AssertNoConsoleErrors();                                  // CSP violations, JS errors
///     }
/// }
/// </code>
/// Seed data through <see cref="Services"/> (e.g. GetRequiredService&lt;SendService&gt;()) before
/// navigating. <see cref="BrowserSession.ScreenshotAsync"/> saves a PNG under TestResults/screenshots.
/// Never run `playwright install`: the browser is /usr/bin/chromium (scripts/test.sh installs it).
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private readonly BrowserAppFactory _app = new();
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    /// <summary>Where the app listens, e.g. http://127.0.0.1:41234/.</summary>
    public Uri RootUri => _app.RootUri;

    /// <summary>The DNS server the app's sender-domain checks ask: journeys publish records in it.</summary>
    public Sending.LoopbackDnsServer Dns { get; } = new();

    /// <summary>The running app's services, to seed data or check what a journey stored.</summary>
    public IServiceProvider Services => _app.Services;

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"{ChromiumPath} is missing: run scripts/test.sh (it installs Debian's chromium) or apt-get install chromium.");
        }
        // Sessions re-checked every 2 s (60 in production), so journeys can watch one end.
        _app.Settings["Security:RevalidationSeconds"] = "2";
        // Journeys seed their own alerts; the monitor's periodic check would close them mid-journey
        // (the figures it sees are below the lines), so it runs once an hour here.
        _app.Settings["Alerts:EvaluateEverySeconds"] = "3600";
        // Sender-domain checks ask a DNS server on loopback, never the internet.
        _app.Settings["Domains:NameServers:0"] = Dns.Endpoint;
        await _app.SeedUsersAsync();
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

    /// <summary>A fresh browser context (own cookies) with one page, at 1280×800.</summary>
    public async Task<BrowserSession> NewSessionAsync()
    {
        var context = await _browser!.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = RootUri.ToString(),
            ViewportSize = new ViewportSize { Width = 1280, Height = 800 },
        });
        context.SetDefaultTimeout(15_000);
        // Expect(...) assertions have their own default (5 s), too short for a send on a loaded CI machine.
        Microsoft.Playwright.Assertions.SetDefaultExpectTimeout(15_000);
        var page = await context.NewPageAsync();
        return new BrowserSession(context, page);
    }

    /// <summary>The seeded user for a role: email and password.</summary>
    public static NewUser UserFor(string role) => role switch
    {
        Roles.Admin => Support.DashboardWebFactory.Admin,
        Roles.Marketer => Support.DashboardWebFactory.Marketer,
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, "No seeded user has that role."),
    };

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }
        _playwright?.Dispose();
        await _app.DisposeAsync();
        await Dns.DisposeAsync();
    }
}
