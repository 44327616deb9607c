using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Dashboard.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class Issue14TagIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_DeliveryRollups_Period_Sender_Provider_Tag_BucketStart",
                table: "DeliveryRollups",
                columns: new[] { "Period", "Sender", "Provider", "Tag", "BucketStart" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_DeliveryRollups_Period_Sender_Provider_Tag_BucketStart",
                table: "DeliveryRollups");
        }
    }
}
