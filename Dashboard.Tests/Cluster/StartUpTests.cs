using Dashboard.Core.Cluster;
using Dashboard.Core.Data;
using Dashboard.Core.Users;
using Dashboard.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Dashboard.Tests.Cluster;

/// <summary>
/// Instances that start together on one PostgreSQL database take turns at start-up (migrations, the
/// first users, the Development secrets look before they write). PostgreSQL run only: two instances
/// on one SQLite file are not supported.
/// </summary>
public sealed class StartUpTests : IDisposable
{
    private readonly SharedDatabase _shared = new();

    private string? Database => _shared.ConnectionString;

    public void Dispose() => _shared.Dispose();

    [Fact]
    public async Task AcquiringALockWaitsUntilItsHolderReleasesIt()
    {
        if (Database is null)
        {
            return; // SQLite: one process, the lock is always free.
        }
        var locks = new SingletonLocks(Options.Create(new DatabaseOptions { Provider = DatabaseProvider.Postgres, ConnectionString = Database }),
            TimeProvider.System, NullLogger<SingletonLock>.Instance);
        var first = await locks.AcquireAsync("start-up", CancellationToken.None);

        var second = locks.AcquireAsync("start-up", CancellationToken.None);
        await Task.Delay(500);
        var waited = !second.IsCompleted;
        await first.DisposeAsync();
        await using var taken = await second.WaitAsync(TimeSpan.FromSeconds(5));

        Assert.True(waited, "the second took the lock while the first held it");
        Assert.Null(await locks.TryAcquireAsync("start-up", CancellationToken.None));
    }

    [Fact]
    public async Task TwoAppInstancesStartingTogetherOnOneDatabaseBothStartAndCreateTheFirstAdminOnce()
    {
        if (Database is null)
        {
            return; // Two instances on one SQLite file are not supported.
        }
        await using var a = new DashboardWebFactory();
        await using var b = new DashboardWebFactory();
        foreach (var factory in new[] { a, b })
        {
            factory.Settings["Database:ConnectionString"] = Database;
        }

        await Task.WhenAll(Task.Run(() => a.CreateClient()), Task.Run(() => b.CreateClient()));

        await using var db = a.Services.GetRequiredService<IDbContextFactory<DashboardDbContext>>().CreateDbContext();
        Assert.Equal(1, await db.Users.CountAsync(u => u.Email == DashboardWebFactory.Admin.Email));
        Assert.NotEmpty(await b.Services.GetRequiredService<UserAdminService>().ListAsync(Actor.System));
    }
}
