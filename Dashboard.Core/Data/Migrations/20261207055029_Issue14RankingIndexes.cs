using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Dashboard.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class Issue14RankingIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_DeliveryRollups_Period_Tag_Sender_BucketStart",
                table: "DeliveryRollups");

            migrationBuilder.CreateIndex(
                name: "IX_DeliveryRollups_ProviderRanking",
                table: "DeliveryRollups",
                columns: new[] { "Period", "Tag", "Sender", "BucketStart", "Provider", "Processed" },
                filter: "\"Provider\" <> '*'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_DeliveryRollups_ProviderRanking",
                table: "DeliveryRollups");

            migrationBuilder.CreateIndex(
                name: "IX_DeliveryRollups_Period_Tag_Sender_BucketStart",
                table: "DeliveryRollups",
                columns: new[] { "Period", "Tag", "Sender", "BucketStart" });
        }
    }
}
