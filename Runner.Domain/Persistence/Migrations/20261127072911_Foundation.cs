using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Runner.Domain.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class Foundation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.EnsureSchema(
                name: "runner");

            migrationBuilder.CreateTable(
                name: "tenants",
                schema: "runner",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_tenants", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "api_keys",
                schema: "runner",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    role = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    key_hash = table.Column<byte[]>(type: "bytea", nullable: false),
                    prefix = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_api_keys", x => x.id);
                    table.ForeignKey(
                        name: "fk_api_keys_tenants_tenant_id",
                        column: x => x.tenant_id,
                        principalSchema: "runner",
                        principalTable: "tenants",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "installations",
                schema: "runner",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    integration_type = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    settings = table.Column<string>(type: "jsonb", nullable: false),
                    resync_interval_hours = table.Column<int>(type: "integer", nullable: false),
                    send_raw_data_examples = table.Column<bool>(type: "boolean", nullable: false),
                    status = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    status_reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_installations", x => x.id);
                    table.ForeignKey(
                        name: "fk_installations_tenants_tenant_id",
                        column: x => x.tenant_id,
                        principalSchema: "runner",
                        principalTable: "tenants",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "secrets",
                schema: "runner",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    sealed_value = table.Column<byte[]>(type: "bytea", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_secrets", x => x.id);
                    table.ForeignKey(
                        name: "fk_secrets_tenants_tenant_id",
                        column: x => x.tenant_id,
                        principalSchema: "runner",
                        principalTable: "tenants",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "tenant_data_keys",
                schema: "runner",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    wrapped_key = table.Column<byte[]>(type: "bytea", nullable: false),
                    kek_id = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_tenant_data_keys", x => x.tenant_id);
                    table.ForeignKey(
                        name: "fk_tenant_data_keys_tenants_tenant_id",
                        column: x => x.tenant_id,
                        principalSchema: "runner",
                        principalTable: "tenants",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "installation_secrets",
                schema: "runner",
                columns: table => new
                {
                    installation_id = table.Column<Guid>(type: "uuid", nullable: false),
                    setting_name = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    secret_id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_installation_secrets", x => new { x.installation_id, x.setting_name });
                    table.ForeignKey(
                        name: "fk_installation_secrets_installations_installation_id",
                        column: x => x.installation_id,
                        principalSchema: "runner",
                        principalTable: "installations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_installation_secrets_secrets_secret_id",
                        column: x => x.secret_id,
                        principalSchema: "runner",
                        principalTable: "secrets",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_api_keys_key_hash",
                schema: "runner",
                table: "api_keys",
                column: "key_hash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_api_keys_tenant_id",
                schema: "runner",
                table: "api_keys",
                column: "tenant_id");

            migrationBuilder.CreateIndex(
                name: "ix_installation_secrets_secret_id",
                schema: "runner",
                table: "installation_secrets",
                column: "secret_id");

            migrationBuilder.CreateIndex(
                name: "ix_installations_tenant_id",
                schema: "runner",
                table: "installations",
                column: "tenant_id");

            migrationBuilder.CreateIndex(
                name: "ix_secrets_tenant_id_name",
                schema: "runner",
                table: "secrets",
                columns: new[] { "tenant_id", "name" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "api_keys",
                schema: "runner");

            migrationBuilder.DropTable(
                name: "installation_secrets",
                schema: "runner");

            migrationBuilder.DropTable(
                name: "tenant_data_keys",
                schema: "runner");

            migrationBuilder.DropTable(
                name: "installations",
                schema: "runner");

            migrationBuilder.DropTable(
                name: "secrets",
                schema: "runner");

            migrationBuilder.DropTable(
                name: "tenants",
                schema: "runner");
        }
    }
}
