using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Runner.Domain.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class EntitiesOutliveInstallations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_entities_installations_installation_id",
                schema: "runner",
                table: "entities");

            migrationBuilder.DropIndex(
                name: "ix_entities_installation_id",
                schema: "runner",
                table: "entities");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_entities_installation_id",
                schema: "runner",
                table: "entities",
                column: "installation_id");

            migrationBuilder.AddForeignKey(
                name: "fk_entities_installations_installation_id",
                schema: "runner",
                table: "entities",
                column: "installation_id",
                principalSchema: "runner",
                principalTable: "installations",
                principalColumn: "id",
                onDelete: ReferentialAction.SetNull);
        }
    }
}
