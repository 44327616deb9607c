using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Dashboard.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class Issue10Usability : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Times are UTC ticks. Before the index can hold, every value keeps at most one open row:
            // lapsed rows are closed with their "Expired" history line (as the sweep writes it), and of
            // rows still in force for one value the newest stays; the older ones are removed, with a line.
            const string NowTicks = "(CAST((julianday('now') - 2440587.5) * 864000000000 AS INTEGER) + 621355968000000000)";
            migrationBuilder.Sql($"""
                INSERT INTO "SuppressionHistory" ("SuppressionId", "Value", "Action", "Reason", "OccurredAt", "Actor", "Note")
                SELECT "Id", "Value", 2, "Reason", "ExpiresAt", 'system', 'Expired'
                FROM "Suppressions"
                WHERE "RemovedAt" IS NULL AND "ExpiryRecorded" = 0 AND "ExpiresAt" IS NOT NULL AND "ExpiresAt" <= {NowTicks};
                """);
            migrationBuilder.Sql($"""
                UPDATE "Suppressions" SET "ExpiryRecorded" = 1
                WHERE "RemovedAt" IS NULL AND "ExpiryRecorded" = 0 AND "ExpiresAt" IS NOT NULL AND "ExpiresAt" <= {NowTicks};
                """);
            const string Older = """
                "RemovedAt" IS NULL AND "ExpiryRecorded" = 0
                AND EXISTS (SELECT 1 FROM "Suppressions" AS newer
                            WHERE newer."Value" = "Suppressions"."Value" AND newer."Id" > "Suppressions"."Id"
                              AND newer."RemovedAt" IS NULL AND newer."ExpiryRecorded" = 0)
                """;
            migrationBuilder.Sql($"""
                INSERT INTO "SuppressionHistory" ("SuppressionId", "Value", "Action", "Reason", "OccurredAt", "Actor", "Note")
                SELECT "Id", "Value", 1, "Reason", {NowTicks}, 'system', 'Merged into the newer entry: one entry per address or domain'
                FROM "Suppressions" WHERE {Older};
                """);
            migrationBuilder.Sql($"""
                UPDATE "Suppressions" SET "RemovedAt" = {NowTicks}, "RemovedBy" = 'system',
                    "RemovalReason" = 'Merged into the newer entry: one entry per address or domain'
                WHERE {Older};
                """);

            migrationBuilder.CreateIndex(
                name: "IX_Suppressions_OneOpenPerValue",
                table: "Suppressions",
                column: "Value",
                unique: true,
                filter: "\"RemovedAt\" IS NULL AND \"ExpiryRecorded\" = 0");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Suppressions_OneOpenPerValue",
                table: "Suppressions");
        }
    }
}
