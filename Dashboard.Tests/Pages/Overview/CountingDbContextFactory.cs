using Dashboard.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Tests.Pages.Overview;

/// <summary>The real factory, counting the contexts it hands out: one per query the page runs.</summary>
internal sealed class CountingDbContextFactory(IDbContextFactory<DashboardDbContext> inner) : IDbContextFactory<DashboardDbContext>
{
    private int _created;

    public int Created => Volatile.Read(ref _created);

    public DashboardDbContext CreateDbContext()
    {
        Interlocked.Increment(ref _created);
        return inner.CreateDbContext();
    }
}
