using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Runner.Domain.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class LiveEvents : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "live_applied",
                schema: "runner",
                table: "installations",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "live_checked_at",
                schema: "runner",
                table: "installations",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "live_events",
                schema: "runner",
                table: "installations",
                type: "boolean",
                nullable: false,
                defaultValue: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "live_last_event_at",
                schema: "runner",
                table: "installations",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "live_reason",
                schema: "runner",
                table: "installations",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "live_received",
                schema: "runner",
                table: "installations",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "live_rejected",
                schema: "runner",
                table: "installations",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<string>(
                name: "live_status",
                schema: "runner",
                table: "installations",
                type: "character varying(32)",
                maxLength: 32,
                nullable: false,
                defaultValue: "Pending");

            migrationBuilder.AddColumn<int>(
                name: "live_subscriptions",
                schema: "runner",
                table: "installations",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<byte[]>(
                name: "webhook_credential",
                schema: "runner",
                table: "installations",
                type: "bytea",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "live_at",
                schema: "runner",
                table: "entities",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "live_events",
                schema: "runner",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    installation_id = table.Column<Guid>(type: "uuid", nullable: false),
                    delivery_key = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    event_type = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    body = table.Column<string>(type: "jsonb", nullable: false),
                    received_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    applied_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    attempts = table.Column<int>(type: "integer", nullable: false),
                    outcome = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_live_events", x => x.id);
                    table.ForeignKey(
                        name: "fk_live_events_installations_installation_id",
                        column: x => x.installation_id,
                        principalSchema: "runner",
                        principalTable: "installations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "live_tombstones",
                schema: "runner",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    blueprint = table.Column<string>(type: "text", nullable: false),
                    identifier = table.Column<string>(type: "text", nullable: false),
                    installation_id = table.Column<Guid>(type: "uuid", nullable: false),
                    deleted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_live_tombstones", x => new { x.tenant_id, x.blueprint, x.identifier });
                    table.ForeignKey(
                        name: "fk_live_tombstones_installations_installation_id",
                        column: x => x.installation_id,
                        principalSchema: "runner",
                        principalTable: "installations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_live_events_installation_id_delivery_key",
                schema: "runner",
                table: "live_events",
                columns: new[] { "installation_id", "delivery_key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_live_events_pending",
                schema: "runner",
                table: "live_events",
                columns: new[] { "installation_id", "id" },
                filter: "applied_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_live_tombstones_installation_id_deleted_at",
                schema: "runner",
                table: "live_tombstones",
                columns: new[] { "installation_id", "deleted_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "live_events",
                schema: "runner");

            migrationBuilder.DropTable(
                name: "live_tombstones",
                schema: "runner");

            migrationBuilder.DropColumn(
                name: "live_applied",
                schema: "runner",
                table: "installations");

            migrationBuilder.DropColumn(
                name: "live_checked_at",
                schema: "runner",
                table: "installations");

            migrationBuilder.DropColumn(
                name: "live_events",
                schema: "runner",
                table: "installations");

            migrationBuilder.DropColumn(
                name: "live_last_event_at",
                schema: "runner",
                table: "installations");

            migrationBuilder.DropColumn(
                name: "live_reason",
                schema: "runner",
                table: "installations");

            migrationBuilder.DropColumn(
                name: "live_received",
                schema: "runner",
                table: "installations");

            migrationBuilder.DropColumn(
                name: "live_rejected",
                schema: "runner",
                table: "installations");

            migrationBuilder.DropColumn(
                name: "live_status",
                schema: "runner",
                table: "installations");

            migrationBuilder.DropColumn(
                name: "live_subscriptions",
                schema: "runner",
                table: "installations");

            migrationBuilder.DropColumn(
                name: "webhook_credential",
                schema: "runner",
                table: "installations");

            migrationBuilder.DropColumn(
                name: "live_at",
                schema: "runner",
                table: "entities");
        }
    }
}
