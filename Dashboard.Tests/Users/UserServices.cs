using Dashboard.Core.Data;
using Dashboard.Core.Users;
using Dashboard.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Tests.Users;

/// <summary>
/// The Core user services as the app wires them (AddDashboardUsers), on a real migrated SQLite
/// database, with a fake clock and the log captured.
/// </summary>
internal sealed class UserServices : IAsyncDisposable
{
    private readonly TestDatabase _database = new();
    private readonly ServiceProvider _provider;

    public UserServices(Dictionary<string, string?>? settings = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings ?? []).Build();
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddProvider(Log));
        services.AddSingleton<TimeProvider>(Clock);
        services.AddSingleton(_database.Factory);
        services.AddScoped(_ => _database.CreateContext());
        services.AddDashboardUsers(configuration);
        _provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 1, 9, 0, 0, TimeSpan.Zero));

    public CapturedLog Log { get; } = new();

    public UserAdminService Admin => _provider.GetRequiredService<UserAdminService>();

    public UserBootstrapper Bootstrapper => _provider.GetRequiredService<UserBootstrapper>();

    public IServiceProvider Services => _provider;

    public DashboardDbContext CreateContext() => _database.CreateContext();

    /// <summary>Creates the roles, as start-up does.</summary>
    public Task EnsureRolesAsync() => Bootstrapper.EnsureUsersAsync(demoUsers: false);

    public async ValueTask DisposeAsync()
    {
        await _provider.DisposeAsync();
        _database.Dispose();
    }
}
