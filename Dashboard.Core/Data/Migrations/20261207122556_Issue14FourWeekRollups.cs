using Dashboard.Core.Reporting.Rollups;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Dashboard.Core.Data.Migrations
{
    /// <summary>
    /// Four-week delivery rollups (<see cref="RollupPeriod.FourWeeks"/>), the rankings' upper bounds,
    /// counted from the weekly ones; the fold keeps them from here on.
    /// </summary>
    public partial class Issue14FourWeekRollups : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(RollupSql.FourWeeksFromWeeks());
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql($"DELETE FROM \"DeliveryRollups\" WHERE \"Period\" = {(int)RollupPeriod.FourWeeks};");
        }
    }
}
