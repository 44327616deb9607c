using Dashboard.Core.Reporting.Rollups;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Dashboard.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class Issue12RollupJournal : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "RollupChanges",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Sign = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Sender = table.Column<string>(type: "TEXT", nullable: false),
                    RecipientProvider = table.Column<string>(type: "TEXT", nullable: false),
                    Tags = table.Column<string>(type: "TEXT", nullable: true),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RollupChanges", x => x.Id);
                });

            // The rollups stay as the old triggers left them (exact); from now on the triggers only
            // journal, and RollupFolder adds the journal to them.
            migrationBuilder.Sql(RollupSql.DropTriggers(DatabaseProvider.Sqlite));
            migrationBuilder.Sql(RollupSql.CreateTriggers(DatabaseProvider.Sqlite));
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // What the journal still holds is counted by the rebuild, from the messages themselves.
            migrationBuilder.Sql(RollupSql.DropTriggers(DatabaseProvider.Sqlite));
            migrationBuilder.Sql(RollupSql.CreateLegacyTriggers(DatabaseProvider.Sqlite));
            migrationBuilder.Sql(RollupSql.Rebuild(DatabaseProvider.Sqlite));
            migrationBuilder.DropTable(
                name: "RollupChanges");
        }
    }
}
