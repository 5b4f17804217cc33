using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Runner.Domain.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class KindsAndIncrementalResyncs : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "mode",
                schema: "runner",
                table: "resync_runs",
                type: "character varying(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "Full");

            migrationBuilder.AddColumn<int>(
                name: "full_resync_interval_hours",
                schema: "runner",
                table: "installations",
                type: "integer",
                nullable: false,
                defaultValue: 24);

            migrationBuilder.AddColumn<bool>(
                name: "incremental_sync",
                schema: "runner",
                table: "installations",
                type: "boolean",
                nullable: false,
                defaultValue: true);

            migrationBuilder.CreateTable(
                name: "kind_cursors",
                schema: "runner",
                columns: table => new
                {
                    installation_id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    changed_since = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    run_id = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_kind_cursors", x => new { x.installation_id, x.kind });
                    table.ForeignKey(
                        name: "fk_kind_cursors_installations_installation_id",
                        column: x => x.installation_id,
                        principalSchema: "runner",
                        principalTable: "installations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "kind_cursors",
                schema: "runner");

            migrationBuilder.DropColumn(
                name: "mode",
                schema: "runner",
                table: "resync_runs");

            migrationBuilder.DropColumn(
                name: "full_resync_interval_hours",
                schema: "runner",
                table: "installations");

            migrationBuilder.DropColumn(
                name: "incremental_sync",
                schema: "runner",
                table: "installations");
        }
    }
}
