using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Dashboard.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class Issue15Dmarc : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "DmarcReports",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    OrgName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    OrgEmail = table.Column<string>(type: "TEXT", nullable: true),
                    ReportId = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    PeriodBegin = table.Column<long>(type: "INTEGER", nullable: false),
                    PeriodEnd = table.Column<long>(type: "INTEGER", nullable: false),
                    PolicyDomain = table.Column<string>(type: "TEXT", maxLength: 253, nullable: false),
                    PolicyP = table.Column<string>(type: "TEXT", nullable: false),
                    PolicyPct = table.Column<int>(type: "INTEGER", nullable: false),
                    Adkim = table.Column<int>(type: "INTEGER", nullable: false),
                    Aspf = table.Column<int>(type: "INTEGER", nullable: false),
                    ReceivedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Raw = table.Column<byte[]>(type: "BLOB", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DmarcReports", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "DmarcRecords",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    DmarcReportId = table.Column<long>(type: "INTEGER", nullable: false),
                    SourceIp = table.Column<string>(type: "TEXT", maxLength: 45, nullable: false),
                    Count = table.Column<int>(type: "INTEGER", nullable: false),
                    Disposition = table.Column<string>(type: "TEXT", nullable: false),
                    HeaderFrom = table.Column<string>(type: "TEXT", nullable: false),
                    EnvelopeFrom = table.Column<string>(type: "TEXT", nullable: true),
                    SpfResult = table.Column<string>(type: "TEXT", nullable: false),
                    SpfDomain = table.Column<string>(type: "TEXT", nullable: true),
                    SpfAligned = table.Column<bool>(type: "INTEGER", nullable: false),
                    DkimResult = table.Column<string>(type: "TEXT", nullable: false),
                    DkimDomain = table.Column<string>(type: "TEXT", nullable: true),
                    DkimSelector = table.Column<string>(type: "TEXT", nullable: true),
                    DkimAligned = table.Column<bool>(type: "INTEGER", nullable: false),
                    DmarcPass = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DmarcRecords", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DmarcRecords_DmarcReports_DmarcReportId",
                        column: x => x.DmarcReportId,
                        principalTable: "DmarcReports",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_DmarcRecords_DmarcReportId",
                table: "DmarcRecords",
                column: "DmarcReportId");

            migrationBuilder.CreateIndex(
                name: "IX_DmarcRecords_SourceIp",
                table: "DmarcRecords",
                column: "SourceIp");

            migrationBuilder.CreateIndex(
                name: "IX_DmarcReports_OrgName_ReportId",
                table: "DmarcReports",
                columns: new[] { "OrgName", "ReportId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_DmarcReports_PolicyDomain_PeriodBegin",
                table: "DmarcReports",
                columns: new[] { "PolicyDomain", "PeriodBegin" });

            migrationBuilder.CreateIndex(
                name: "IX_DmarcReports_ReceivedAt",
                table: "DmarcReports",
                column: "ReceivedAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DmarcRecords");

            migrationBuilder.DropTable(
                name: "DmarcReports");
        }
    }
}
