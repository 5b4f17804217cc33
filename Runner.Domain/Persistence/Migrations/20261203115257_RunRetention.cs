using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Runner.Domain.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class RunRetention : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_resync_runs_queued_at_brin",
                schema: "runner",
                table: "resync_runs",
                column: "queued_at")
                .Annotation("Npgsql:IndexMethod", "brin");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_resync_runs_queued_at_brin",
                schema: "runner",
                table: "resync_runs");
        }
    }
}
