namespace Runner.Domain.Catalog;

/// <summary>The set-based statements behind resync writes and reconciliation.</summary>
internal static class CatalogSql
{
    // One statement per batch, so one round trip and its own transaction: the batch arrives as arrays ($5 the run,
    // $6…$12 blueprint, identifier, title, icon, team, properties, relations; $13 whether the row is the last of its entity
    // in the batch, as the last one wins), its keys and relations are all staged (the run's seen-set and placeholder
    // sources), and its entities upserted straight from the arrays.
    // $3: a live event's write (stamps live_at). $4: a resync's fetch start, or null: what a live event deleted or
    // wrote since then is newer than the resync's copy, so the resync neither brings it back nor overwrites it.
    private const string StageBatch = """
        WITH batch AS MATERIALIZED (
            SELECT * FROM unnest($6::text[], $7::text[], $8::text[], $9::text[], $10::jsonb[], $11::jsonb[], $12::jsonb[], $13::boolean[])
                AS b(blueprint, identifier, title, icon, team, properties, relations, latest)),
        staged AS (
            INSERT INTO runner.resync_staged_entities (run_id, blueprint, identifier, relations)
            SELECT $5, blueprint, identifier, relations FROM batch),
        written AS (
        """;

    private const string LatestOfBatch = """
        SELECT $1::uuid, b.blueprint, b.identifier, b.title, b.icon, b.team, b.properties, b.relations, $2::uuid, false,
               CASE WHEN $3::boolean THEN now() END, now(), now()
        FROM batch b
        WHERE b.latest
          AND NOT EXISTS (SELECT 1 FROM runner.live_tombstones t
                          WHERE t.tenant_id = $1 AND t.blueprint = b.blueprint AND t.identifier = b.identifier AND t.deleted_at >= $4::timestamptz)
        """;

    // What the batch wrote: (inserted, updated).
    private const string BatchCounts = """
        )
        SELECT count(*) FILTER (WHERE inserted), count(*) FILTER (WHERE NOT inserted) FROM written
        """;

    // Insert and MergeSet are also bench/ResyncBench's server-side baseline: the same columns, conflict key and change test
    // ($1 tenant, $2 installation, $3 live, $4 fetch start).
    internal const string Insert = "INSERT INTO runner.entities AS e (tenant_id, blueprint, identifier, title, icon, team, properties, relations, installation_id, is_placeholder, live_at, created_at, updated_at)";

    // A live write always lands (and is stamped); a resync's write skips what a live event wrote since the run's fetch start.
    private const string ReplaceSet = """
        ON CONFLICT (tenant_id, blueprint, identifier) DO UPDATE SET
            title = excluded.title, icon = excluded.icon, team = excluded.team, properties = excluded.properties,
            relations = excluded.relations, installation_id = excluded.installation_id, is_placeholder = false, updated_at = excluded.updated_at,
            live_at = CASE WHEN $3::boolean THEN now() ELSE e.live_at END
        WHERE ($3::boolean OR (e.title, e.icon, e.team, e.properties, e.relations, e.installation_id, e.is_placeholder)
            IS DISTINCT FROM (excluded.title, excluded.icon, excluded.team, excluded.properties, excluded.relations, excluded.installation_id, false))
          AND ($4::timestamptz IS NULL OR e.live_at IS NULL OR e.live_at < $4::timestamptz)
        RETURNING (xmax = 0) AS inserted
        """;

    // enableMergeEntity: several resources contribute properties and relations to one entity.
    internal const string MergeSet = """
        ON CONFLICT (tenant_id, blueprint, identifier) DO UPDATE SET
            title = coalesce(excluded.title, e.title), icon = coalesce(excluded.icon, e.icon), team = coalesce(excluded.team, e.team),
            properties = e.properties || excluded.properties, relations = e.relations || excluded.relations,
            installation_id = excluded.installation_id, is_placeholder = false, updated_at = excluded.updated_at,
            live_at = CASE WHEN $3::boolean THEN now() ELSE e.live_at END
        WHERE ($3::boolean OR (e.title, e.icon, e.team, e.properties, e.relations, e.installation_id, e.is_placeholder)
            IS DISTINCT FROM (coalesce(excluded.title, e.title), coalesce(excluded.icon, e.icon), coalesce(excluded.team, e.team),
                              e.properties || excluded.properties, e.relations || excluded.relations, excluded.installation_id, false))
          AND ($4::timestamptz IS NULL OR e.live_at IS NULL OR e.live_at < $4::timestamptz)
        RETURNING (xmax = 0) AS inserted
        """;

    public const string ReplaceBatch = StageBatch + "\n" + Insert + "\n" + LatestOfBatch + "\n" + ReplaceSet + "\n" + BatchCounts;

    public const string MergeBatch = StageBatch + "\n" + Insert + "\n" + LatestOfBatch + "\n" + MergeSet + "\n" + BatchCounts;

    /// <summary>
    /// $1 tenant, $2 installation, $3 run, $4 blueprint, $5 the run's fetch start: (stale, existing) among the installation's real
    /// entities. What a live event wrote after the run began fetching is not stale: the run may simply not have seen it yet.
    /// A WHERE NOT EXISTS lets PostgreSQL hash the staged rows (an anti join); as a FILTER it was one index probe per
    /// entity, 4x slower over 400k.
    /// </summary>
    public const string CountStale = """
        SELECT (SELECT count(*) FROM runner.entities e
                WHERE e.tenant_id = $1 AND e.installation_id = $2 AND e.blueprint = $4 AND NOT e.is_placeholder
                  AND (e.live_at IS NULL OR e.live_at < $5)
                  AND NOT EXISTS (SELECT 1 FROM runner.resync_staged_entities s WHERE s.run_id = $3 AND s.blueprint = e.blueprint AND s.identifier = e.identifier)),
               (SELECT count(*) FROM runner.entities e
                WHERE e.tenant_id = $1 AND e.installation_id = $2 AND e.blueprint = $4 AND NOT e.is_placeholder)
        """;

    /// <summary>
    /// In CountStale's and DeleteStale's transaction, before them: their anti join must hash (or merge) the run's staged rows.
    /// On an installation's first run, or before autovacuum has analysed the staging table, both sides are estimated at one
    /// row, and PostgreSQL chose a nested loop that rescans the blueprint's staged rows for every entity: quadratic, 7.6 s
    /// of PostgreSQL CPU to count 6,000 work items, against 15 ms without nested loops, whatever the statistics say.
    /// </summary>
    public const string WithoutNestedLoops = "SET LOCAL enable_nestloop = off";

    /// <summary>After DeleteStale: the dependents' deletes probe indexes by identifier, for which a nested loop is right.</summary>
    public const string WithNestedLoops = "SET LOCAL enable_nestloop = on";

    public const string DeleteStale = """
        DELETE FROM runner.entities e
        WHERE e.tenant_id = $1 AND e.installation_id = $2 AND e.blueprint = $4 AND NOT e.is_placeholder
          AND (e.live_at IS NULL OR e.live_at < $5)
          AND NOT EXISTS (SELECT 1 FROM runner.resync_staged_entities s WHERE s.run_id = $3 AND s.blueprint = e.blueprint AND s.identifier = e.identifier)
        RETURNING e.identifier
        """;

    /// <summary>$1 tenant, $2 installation, $3 blueprint, $4 identifiers: a live event's delete, leaving tombstones for a running resync.</summary>
    public const string DeleteLive = """
        WITH deleted AS (
            DELETE FROM runner.entities e
            WHERE e.tenant_id = $1 AND e.installation_id = $2 AND e.blueprint = $3 AND e.identifier = ANY($4) AND NOT e.is_placeholder
            RETURNING e.identifier),
        marked AS (
            INSERT INTO runner.live_tombstones (tenant_id, blueprint, identifier, installation_id, deleted_at)
            SELECT $1, $3, identifier, $2, now() FROM unnest($4::text[]) AS identifier
            ON CONFLICT (tenant_id, blueprint, identifier) DO UPDATE SET deleted_at = excluded.deleted_at, installation_id = excluded.installation_id)
        SELECT identifier FROM deleted
        """;

    /// <summary>$1 tenant, $2 staging id: a live write brings an entity back, so its tombstone goes.</summary>
    public const string ForgetTombstonesOfStaged = """
        DELETE FROM runner.live_tombstones t
        USING runner.resync_staged_entities s
        WHERE s.run_id = $2 AND t.tenant_id = $1 AND t.blueprint = s.blueprint AND t.identifier = s.identifier
        """;

    /// <summary>$1 tenant, $2 installation, $3 a finished run's fetch start: older tombstones can no longer matter.</summary>
    public const string ForgetOldTombstones = "DELETE FROM runner.live_tombstones WHERE tenant_id = $1 AND installation_id = $2 AND deleted_at < $3";


    /// <summary>$1 tenant, $2 installation: the installation's real entities per blueprint.</summary>
    public const string CountByBlueprint = """
        SELECT e.blueprint, count(*) FROM runner.entities e
        WHERE e.tenant_id = $1 AND e.installation_id = $2 AND NOT e.is_placeholder
        GROUP BY e.blueprint
        """;

    /// <summary>$1 tenant, $2 installation, $3 blueprint: all of the installation's real entities in it.</summary>
    public const string DeleteBlueprint = """
        DELETE FROM runner.entities e
        WHERE e.tenant_id = $1 AND e.installation_id = $2 AND e.blueprint = $3 AND NOT e.is_placeholder
        RETURNING e.identifier
        """;

    /// <summary>$1 tenant, $2 installation, $3 batch size: one batch of a deleted installation's entities.</summary>
    public const string DeleteOfInstallation = """
        DELETE FROM runner.entities e
        WHERE (e.tenant_id, e.blueprint, e.identifier) IN (
            SELECT tenant_id, blueprint, identifier FROM runner.entities WHERE tenant_id = $1 AND installation_id = $2 LIMIT $3)
        """;

    /// <summary>
    /// $1 tenant, $2 blueprint holding a required relation, $3 relation name, $4 deleted target identifiers. Not filtered
    /// by installation: an entity that requires a deleted target is invalid whoever wrote it, as in Port (never another
    /// tenant's); see docs/decisions/reconciliation.md.
    /// </summary>
    public const string DeleteDependents = """
        DELETE FROM runner.entities e
        WHERE e.tenant_id = $1 AND e.blueprint = $2 AND (e.relations -> $3) ?| $4
        RETURNING e.identifier
        """;

    /// <summary>$1 tenant, $2 installation, $3 run, $4 source blueprint, $5 relation, $6 target blueprint.</summary>
    public const string CreatePlaceholders = """
        INSERT INTO runner.entities (tenant_id, blueprint, identifier, title, icon, team, properties, relations, installation_id, is_placeholder, created_at, updated_at)
        SELECT DISTINCT $1::uuid, $6, target, NULL::text, NULL::text, NULL::jsonb, '{}'::jsonb, '{}'::jsonb, $2::uuid, true, now(), now()
        FROM runner.resync_staged_entities s,
             LATERAL jsonb_array_elements_text(CASE jsonb_typeof(s.relations -> $5)
                 WHEN 'array' THEN s.relations -> $5 WHEN 'string' THEN jsonb_build_array(s.relations -> $5) ELSE '[]'::jsonb END) AS target
        WHERE s.run_id = $3 AND s.blueprint = $4
        ON CONFLICT (tenant_id, blueprint, identifier) DO NOTHING
        """;

    public const string DropStaged = "DELETE FROM runner.resync_staged_entities WHERE run_id = $1";
}
