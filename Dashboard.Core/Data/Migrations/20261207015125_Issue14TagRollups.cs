using Dashboard.Core.Reporting.Rollups;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Dashboard.Core.Data.Migrations
{
    /// <summary>
    /// The report rollups count each tag of a message (the "Tags" column came after the rollups):
    /// the triggers are replaced and the rollups counted again from the messages.
    /// </summary>
    public partial class Issue14TagRollups : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(RollupSql.DropTriggers(DatabaseProvider.Sqlite));
            migrationBuilder.Sql(RollupSql.CreateLegacyTriggers(DatabaseProvider.Sqlite));
            migrationBuilder.Sql(RollupSql.Rebuild(DatabaseProvider.Sqlite));
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(RollupSql.DropTriggers(DatabaseProvider.Sqlite));
            migrationBuilder.Sql(RollupSql.CreateLegacyTriggers(DatabaseProvider.Sqlite, tags: false));
            migrationBuilder.Sql(RollupSql.Rebuild(DatabaseProvider.Sqlite, tags: false));
        }
    }
}
