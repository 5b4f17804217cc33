namespace Runner.Domain.Catalog;

/// <summary>The set-based statements behind resync writes and reconciliation.</summary>
internal static class CatalogSql
{
    public const string CopyStaged =
        "COPY runner.resync_staged_entities (run_id, batch, seq, blueprint, identifier, title, icon, team, properties, relations) FROM STDIN (FORMAT BINARY)";

    // Last one wins inside a batch; a row is rewritten only when its content would change.
    private const string LatestOfBatch = """
        SELECT DISTINCT ON (s.blueprint, s.identifier) $1::uuid, s.blueprint, s.identifier, s.title, s.icon, s.team, s.properties, s.relations, $2::uuid, false, now(), now()
        FROM runner.resync_staged_entities s
        WHERE s.run_id = $3 AND s.batch = $4
        ORDER BY s.blueprint, s.identifier, s.seq DESC
        """;

    private const string Insert = "INSERT INTO runner.entities AS e (tenant_id, blueprint, identifier, title, icon, team, properties, relations, installation_id, is_placeholder, created_at, updated_at)";

    public const string ReplaceBatch = Insert + "\n" + LatestOfBatch + """

        ON CONFLICT (tenant_id, blueprint, identifier) DO UPDATE SET
            title = excluded.title, icon = excluded.icon, team = excluded.team, properties = excluded.properties,
            relations = excluded.relations, installation_id = excluded.installation_id, is_placeholder = false, updated_at = excluded.updated_at
        WHERE (e.title, e.icon, e.team, e.properties, e.relations, e.installation_id, e.is_placeholder)
            IS DISTINCT FROM (excluded.title, excluded.icon, excluded.team, excluded.properties, excluded.relations, excluded.installation_id, false)
        RETURNING (xmax = 0)
        """;

    // enableMergeEntity: several resources contribute properties and relations to one entity.
    public const string MergeBatch = Insert + "\n" + LatestOfBatch + """

        ON CONFLICT (tenant_id, blueprint, identifier) DO UPDATE SET
            title = coalesce(excluded.title, e.title), icon = coalesce(excluded.icon, e.icon), team = coalesce(excluded.team, e.team),
            properties = e.properties || excluded.properties, relations = e.relations || excluded.relations,
            installation_id = excluded.installation_id, is_placeholder = false, updated_at = excluded.updated_at
        WHERE (e.title, e.icon, e.team, e.properties, e.relations, e.installation_id, e.is_placeholder)
            IS DISTINCT FROM (coalesce(excluded.title, e.title), coalesce(excluded.icon, e.icon), coalesce(excluded.team, e.team),
                              e.properties || excluded.properties, e.relations || excluded.relations, excluded.installation_id, false)
        RETURNING (xmax = 0)
        """;

    public const string CountBatch = "SELECT count(DISTINCT (blueprint, identifier)) FROM runner.resync_staged_entities WHERE run_id = $1 AND batch = $2";

    /// <summary>$1 tenant, $2 installation, $3 run, $4 blueprint: (stale, existing) among the installation's real entities.</summary>
    public const string CountStale = """
        SELECT count(*) FILTER (WHERE NOT EXISTS (
                   SELECT 1 FROM runner.resync_staged_entities s WHERE s.run_id = $3 AND s.blueprint = e.blueprint AND s.identifier = e.identifier)),
               count(*)
        FROM runner.entities e
        WHERE e.tenant_id = $1 AND e.installation_id = $2 AND e.blueprint = $4 AND NOT e.is_placeholder
        """;

    public const string DeleteStale = """
        DELETE FROM runner.entities e
        WHERE e.tenant_id = $1 AND e.installation_id = $2 AND e.blueprint = $4 AND NOT e.is_placeholder
          AND NOT EXISTS (SELECT 1 FROM runner.resync_staged_entities s WHERE s.run_id = $3 AND s.blueprint = e.blueprint AND s.identifier = e.identifier)
        RETURNING e.identifier
        """;

    /// <summary>$1 tenant, $2 blueprint holding a required relation, $3 relation name, $4 deleted target identifiers.</summary>
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
