using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Runner.Domain.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class ResyncEngine : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "mapping_text",
                schema: "runner",
                table: "installations",
                type: "text",
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateTable(
                name: "blueprints",
                schema: "runner",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    identifier = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    definition = table.Column<string>(type: "jsonb", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_blueprints", x => new { x.tenant_id, x.identifier });
                    table.ForeignKey(
                        name: "fk_blueprints_tenants_tenant_id",
                        column: x => x.tenant_id,
                        principalSchema: "runner",
                        principalTable: "tenants",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "entities",
                schema: "runner",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    blueprint = table.Column<string>(type: "text", nullable: false),
                    identifier = table.Column<string>(type: "text", nullable: false),
                    title = table.Column<string>(type: "text", nullable: true),
                    icon = table.Column<string>(type: "text", nullable: true),
                    team = table.Column<string>(type: "jsonb", nullable: true),
                    properties = table.Column<string>(type: "jsonb", nullable: false),
                    relations = table.Column<string>(type: "jsonb", nullable: false),
                    installation_id = table.Column<Guid>(type: "uuid", nullable: true),
                    is_placeholder = table.Column<bool>(type: "boolean", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_entities", x => new { x.tenant_id, x.blueprint, x.identifier });
                    table.ForeignKey(
                        name: "fk_entities_installations_installation_id",
                        column: x => x.installation_id,
                        principalSchema: "runner",
                        principalTable: "installations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "fk_entities_tenants_tenant_id",
                        column: x => x.tenant_id,
                        principalSchema: "runner",
                        principalTable: "tenants",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "raw_examples",
                schema: "runner",
                columns: table => new
                {
                    installation_id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    position = table.Column<int>(type: "integer", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    data = table.Column<string>(type: "jsonb", nullable: false),
                    captured_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_raw_examples", x => new { x.installation_id, x.kind, x.position });
                    table.ForeignKey(
                        name: "fk_raw_examples_installations_installation_id",
                        column: x => x.installation_id,
                        principalSchema: "runner",
                        principalTable: "installations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "resync_runs",
                schema: "runner",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    installation_id = table.Column<Guid>(type: "uuid", nullable: false),
                    trigger = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    queued_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    started_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    finished_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    error = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    report = table.Column<string>(type: "jsonb", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_resync_runs", x => x.id);
                    table.ForeignKey(
                        name: "fk_resync_runs_installations_installation_id",
                        column: x => x.installation_id,
                        principalSchema: "runner",
                        principalTable: "installations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_entities_installation_id",
                schema: "runner",
                table: "entities",
                column: "installation_id");

            migrationBuilder.CreateIndex(
                name: "ix_entities_tenant_id_installation_id_blueprint",
                schema: "runner",
                table: "entities",
                columns: new[] { "tenant_id", "installation_id", "blueprint" });

            migrationBuilder.CreateIndex(
                name: "ix_resync_runs_one_active_per_installation",
                schema: "runner",
                table: "resync_runs",
                column: "installation_id",
                unique: true,
                filter: "status IN ('Queued', 'Running')");

            migrationBuilder.CreateIndex(
                name: "ix_resync_runs_tenant_id_installation_id_queued_at",
                schema: "runner",
                table: "resync_runs",
                columns: new[] { "tenant_id", "installation_id", "queued_at" });

            // The run's staged entities: batch input of the set-based merge and the run's seen-set for
            // reconciliation. Unlogged: it is rebuilt by re-running a resync, never recovered.
            migrationBuilder.Sql("""
                CREATE UNLOGGED TABLE runner.resync_staged_entities (
                    run_id uuid NOT NULL,
                    batch integer NOT NULL,
                    seq integer NOT NULL,
                    blueprint text NOT NULL,
                    identifier text NOT NULL,
                    title text NULL,
                    icon text NULL,
                    team jsonb NULL,
                    properties jsonb NOT NULL,
                    relations jsonb NOT NULL);
                CREATE INDEX ix_resync_staged_entities_run_batch ON runner.resync_staged_entities (run_id, batch);
                CREATE INDEX ix_resync_staged_entities_run_entity ON runner.resync_staged_entities (run_id, blueprint, identifier);
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TABLE runner.resync_staged_entities;");

            migrationBuilder.DropTable(
                name: "blueprints",
                schema: "runner");

            migrationBuilder.DropTable(
                name: "entities",
                schema: "runner");

            migrationBuilder.DropTable(
                name: "raw_examples",
                schema: "runner");

            migrationBuilder.DropTable(
                name: "resync_runs",
                schema: "runner");

            migrationBuilder.DropColumn(
                name: "mapping_text",
                schema: "runner",
                table: "installations");
        }
    }
}
