using System.Net;
using Dashboard.Core.Users;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Support;

/// <summary>
/// The real app (Program) on a temporary SQLite file (in the PostgreSQL run: a database of its own
/// on the test cluster), demo off, with two seeded users:
/// <see cref="Admin"/> (created by the Bootstrap settings, as in production) and
/// <see cref="Marketer"/>. In memory (TestServer) by default; with <c>kestrel: true</c> it listens
/// on 127.0.0.1 with a free port, for a real browser (<see cref="RootUri"/>).
/// </summary>
public class DashboardWebFactory : WebApplicationFactory<Program>
{
    public static readonly NewUser Admin = new("admin@test.example", "Test Admin", Roles.Admin, "admin-password-for-tests");
    public static readonly NewUser Marketer = new("marketer@test.example", "Test Marketer", Roles.Marketer, "marketer-password-for-tests");

    private readonly string _databasePath = Path.Combine(Path.GetTempPath(), $"dashboard-test-{Guid.NewGuid():N}.db");
    // In the PostgreSQL run (TestPostgres.Enabled): a database of its own, made on first use.
    private string? _postgres;

    /// <summary>In memory (TestServer); what xunit's IClassFixture uses.</summary>
    public DashboardWebFactory() : this(kestrel: false)
    {
    }

    /// <summary>With <paramref name="kestrel"/>, a real server on 127.0.0.1 (see BrowserAppFactory).</summary>
    protected DashboardWebFactory(bool kestrel)
    {
        if (kestrel)
        {
            UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        }
    }

    /// <summary>Settings on top of the test defaults (e.g. a journey's own). Set before the first use.</summary>
    public Dictionary<string, string?> Settings { get; } = [];

    /// <summary>Service replacements for a test (e.g. a shorter security-stamp interval).</summary>
    public Action<IServiceCollection>? ConfigureServices { get; set; }

    /// <summary>Where Kestrel listens, e.g. http://127.0.0.1:41234/ (kestrel mode only).</summary>
    public Uri RootUri
    {
        get
        {
            StartServer();
            var addresses = Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>();
            return new Uri(addresses.Addresses.First().TrimEnd('/') + "/");
        }
    }

    /// <summary>Starts the app and creates <see cref="Marketer"/> (the admin comes from Bootstrap:*).</summary>
    public async Task SeedUsersAsync()
    {
        StartServer();
        var users = Services.GetRequiredService<UserAdminService>();
        var existing = await users.ListAsync(Actor.System);
        if (existing.All(u => u.Email != Marketer.Email))
        {
            await users.CreateAsync(Marketer, Actor.System);
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Database:Path"] = _databasePath,
            ["Demo:Enabled"] = "false",
            // Factories run side by side (and next to a dev instance): never the fixed 2525.
            ["Sandbox:Port"] = "0",
            ["Relay:Port"] = "0",
            ["Bootstrap:AdminEmail"] = Admin.Email,
            ["Bootstrap:AdminPassword"] = Admin.Password,
        };
        if (TestPostgres.Enabled)
        {
            _postgres ??= TestPostgres.CreateDatabase();
            settings["Database:Provider"] = nameof(Dashboard.Core.Data.DatabaseProvider.Postgres);
            settings["Database:ConnectionString"] = _postgres;
        }
        foreach (var (key, value) in Settings)
        {
            settings[key] = value;
        }
        // UseSetting is seen by code that reads configuration while building; the in-memory source
        // added last wins over appsettings*.json for everything read later.
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }
        builder.ConfigureAppConfiguration((_, config) => config.AddInMemoryCollection(settings));
        if (ConfigureServices is not null)
        {
            builder.ConfigureServices(ConfigureServices);
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        GC.SuppressFinalize(this);
        SqliteConnection.ClearAllPools();
        if (_postgres is not null)
        {
            TestPostgres.DropDatabase(_postgres);
        }
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(_databasePath + suffix);
        }
    }
}
