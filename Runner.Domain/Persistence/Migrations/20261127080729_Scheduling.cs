using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Runner.Domain.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class Scheduling : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "attempt",
                schema: "runner",
                table: "resync_runs",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<bool>(
                name: "cancel_requested",
                schema: "runner",
                table: "resync_runs",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<int>(
                name: "deferrals",
                schema: "runner",
                table: "resync_runs",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "due_at",
                schema: "runner",
                table: "resync_runs",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "heartbeat_at",
                schema: "runner",
                table: "resync_runs",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "reason",
                schema: "runner",
                table: "resync_runs",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "retry_of",
                schema: "runner",
                table: "resync_runs",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_resync_runs_heartbeat_at",
                schema: "runner",
                table: "resync_runs",
                column: "heartbeat_at",
                filter: "status = 'Running'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_resync_runs_heartbeat_at",
                schema: "runner",
                table: "resync_runs");

            migrationBuilder.DropColumn(
                name: "attempt",
                schema: "runner",
                table: "resync_runs");

            migrationBuilder.DropColumn(
                name: "cancel_requested",
                schema: "runner",
                table: "resync_runs");

            migrationBuilder.DropColumn(
                name: "deferrals",
                schema: "runner",
                table: "resync_runs");

            migrationBuilder.DropColumn(
                name: "due_at",
                schema: "runner",
                table: "resync_runs");

            migrationBuilder.DropColumn(
                name: "heartbeat_at",
                schema: "runner",
                table: "resync_runs");

            migrationBuilder.DropColumn(
                name: "reason",
                schema: "runner",
                table: "resync_runs");

            migrationBuilder.DropColumn(
                name: "retry_of",
                schema: "runner",
                table: "resync_runs");
        }
    }
}
