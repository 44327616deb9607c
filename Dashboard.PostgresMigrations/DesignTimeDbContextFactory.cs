using Dashboard.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Dashboard.PostgresMigrations;

/// <summary>
/// Lets `dotnet ef migrations add --project Dashboard.PostgresMigrations` build the PostgreSQL
/// model; adding a migration needs no server, so the connection string is never used.
/// </summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<DashboardDbContext>
{
    public DashboardDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<DashboardDbContext>().UsePostgres("Host=localhost;Database=design_time").Options);
}
