using Dashboard.Core.Data;
using Dashboard.Core.Reporting.Rollups;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Dashboard.PostgresMigrations;

/// <summary>
/// What the PostgreSQL schema needs beyond tables and indexes, called from the migration's Up
/// (scripts/regen-postgres-migration.sh puts the call back after regenerating it).
/// </summary>
internal static class PostgresSql
{
    /// <summary>The report rollups' triggers (plpgsql), as SQLite's Issue14Reports migration creates them.</summary>
    public static void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.Sql(RollupSql.CreateTriggers(DatabaseProvider.Postgres));
}
