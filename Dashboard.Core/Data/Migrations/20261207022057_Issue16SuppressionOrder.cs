using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Dashboard.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class Issue16SuppressionOrder : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Suppressions_CreatedAt_Id",
                table: "Suppressions",
                columns: new[] { "CreatedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_SuppressionHistory_OccurredAt_Id",
                table: "SuppressionHistory",
                columns: new[] { "OccurredAt", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Suppressions_CreatedAt_Id",
                table: "Suppressions");

            migrationBuilder.DropIndex(
                name: "IX_SuppressionHistory_OccurredAt_Id",
                table: "SuppressionHistory");
        }
    }
}
