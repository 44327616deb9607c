using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Dashboard.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class Issue9Security : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "AcceptedAt",
                table: "UnmatchedBounces",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "AcceptedBy",
                table: "UnmatchedBounces",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "MessageId",
                table: "UnmatchedBounces",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<byte[]>(
                name: "Headers",
                table: "Messages",
                type: "BLOB",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_UnmatchedBounces_MessageId",
                table: "UnmatchedBounces",
                column: "MessageId");

            migrationBuilder.AddForeignKey(
                name: "FK_UnmatchedBounces_Messages_MessageId",
                table: "UnmatchedBounces",
                column: "MessageId",
                principalTable: "Messages",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_UnmatchedBounces_Messages_MessageId",
                table: "UnmatchedBounces");

            migrationBuilder.DropIndex(
                name: "IX_UnmatchedBounces_MessageId",
                table: "UnmatchedBounces");

            migrationBuilder.DropColumn(
                name: "AcceptedAt",
                table: "UnmatchedBounces");

            migrationBuilder.DropColumn(
                name: "AcceptedBy",
                table: "UnmatchedBounces");

            migrationBuilder.DropColumn(
                name: "MessageId",
                table: "UnmatchedBounces");

            migrationBuilder.DropColumn(
                name: "Headers",
                table: "Messages");
        }
    }
}
