using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Dashboard.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class Issue15Domains : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "DkimDomain",
                table: "Messages",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DkimSelector",
                table: "Messages",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "SenderDomains",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 253, nullable: false),
                    Selector = table.Column<string>(type: "TEXT", maxLength: 63, nullable: false),
                    PrivateKeyProtected = table.Column<string>(type: "TEXT", nullable: false),
                    PublicKey = table.Column<string>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", nullable: true),
                    CheckedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    CheckState = table.Column<int>(type: "INTEGER", nullable: false),
                    SpfLookups = table.Column<int>(type: "INTEGER", nullable: true),
                    DmarcPolicy = table.Column<string>(type: "TEXT", nullable: true),
                    Dkim_Detail = table.Column<string>(type: "TEXT", nullable: true),
                    Dkim_Found = table.Column<string>(type: "TEXT", nullable: true),
                    Dkim_Status = table.Column<int>(type: "INTEGER", nullable: false),
                    Dmarc_Detail = table.Column<string>(type: "TEXT", nullable: true),
                    Dmarc_Found = table.Column<string>(type: "TEXT", nullable: true),
                    Dmarc_Status = table.Column<int>(type: "INTEGER", nullable: false),
                    Mx_Detail = table.Column<string>(type: "TEXT", nullable: true),
                    Mx_Found = table.Column<string>(type: "TEXT", nullable: true),
                    Mx_Status = table.Column<int>(type: "INTEGER", nullable: false),
                    Spf_Detail = table.Column<string>(type: "TEXT", nullable: true),
                    Spf_Found = table.Column<string>(type: "TEXT", nullable: true),
                    Spf_Status = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SenderDomains", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_SenderDomains_Name",
                table: "SenderDomains",
                column: "Name",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "SenderDomains");

            migrationBuilder.DropColumn(
                name: "DkimDomain",
                table: "Messages");

            migrationBuilder.DropColumn(
                name: "DkimSelector",
                table: "Messages");
        }
    }
}
