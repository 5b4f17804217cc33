using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Runner.Domain.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class LeanStagedEntities : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // A batch is upserted straight from its statement's arrays: the staged rows are only the run's seen-set and the
            // relations its placeholders come from (docs/decisions/catalog-writes.md).
            migrationBuilder.Sql("""
                DROP INDEX runner.ix_resync_staged_entities_run_batch;
                ALTER TABLE runner.resync_staged_entities
                    DROP COLUMN batch, DROP COLUMN seq, DROP COLUMN title, DROP COLUMN icon, DROP COLUMN team, DROP COLUMN properties;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                ALTER TABLE runner.resync_staged_entities
                    ADD COLUMN batch integer NOT NULL DEFAULT 0, ADD COLUMN seq integer NOT NULL DEFAULT 0, ADD COLUMN title text NULL,
                    ADD COLUMN icon text NULL, ADD COLUMN team jsonb NULL, ADD COLUMN properties jsonb NOT NULL DEFAULT '{}';
                CREATE INDEX ix_resync_staged_entities_run_batch ON runner.resync_staged_entities (run_id, batch);
                """);
        }
    }
}
