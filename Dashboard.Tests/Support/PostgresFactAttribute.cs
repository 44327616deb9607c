namespace Dashboard.Tests.Support;

/// <summary>
/// A test that needs PostgreSQL (several app processes on one database): skipped, saying so, unless
/// this is the PostgreSQL run (DASHBOARD_TEST_PROVIDER=postgres, as scripts/test.sh does).
/// </summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (!TestPostgres.Enabled)
        {
            Skip = "Needs PostgreSQL: runs in the PostgreSQL run (DASHBOARD_TEST_PROVIDER=postgres with DASHBOARD_TEST_POSTGRES; scripts/test.sh sets both).";
        }
    }
}
