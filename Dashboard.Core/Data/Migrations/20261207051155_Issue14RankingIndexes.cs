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
                name: "IX_DeliveryRollups_Period_Sender_Provider_Tag_BucketStart",
                table: "DeliveryRollups");

            migrationBuilder.DropIndex(
                name: "IX_DeliveryRollups_Period_Tag_Sender_BucketStart",
                table: "DeliveryRollups");

            migrationBuilder.CreateIndex(
                name: "IX_DeliveryRollups_ProviderRanking",
                table: "DeliveryRollups",
                columns: new[] { "Period", "Tag", "Sender", "BucketStart", "Provider", "Processed" });

            migrationBuilder.CreateIndex(
                name: "IX_DeliveryRollups_TagRanking",
                table: "DeliveryRollups",
                columns: new[] { "Period", "Sender", "Provider", "Tag", "BucketStart", "Processed" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_DeliveryRollups_ProviderRanking",
                table: "DeliveryRollups");

            migrationBuilder.DropIndex(
                name: "IX_DeliveryRollups_TagRanking",
                table: "DeliveryRollups");

            migrationBuilder.CreateIndex(
                name: "IX_DeliveryRollups_Period_Sender_Provider_Tag_BucketStart",
                table: "DeliveryRollups",
                columns: new[] { "Period", "Sender", "Provider", "Tag", "BucketStart" });

            migrationBuilder.CreateIndex(
                name: "IX_DeliveryRollups_Period_Tag_Sender_BucketStart",
                table: "DeliveryRollups",
                columns: new[] { "Period", "Tag", "Sender", "BucketStart" });
        }
    }
}
