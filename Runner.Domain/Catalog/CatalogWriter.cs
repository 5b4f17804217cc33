using System.Collections.Frozen;
using System.Diagnostics;
using System.Globalization;
using Npgsql;
using NpgsqlTypes;
using Runner.Domain.Hosting;
using Runner.Domain.Mapping;
using Runner.Domain.Tenants;

namespace Runner.Domain.Catalog;

/// <summary>
/// The one way into the catalog's entities, for an installation in the caller's tenant: upsert mapped
/// entities (replace or merge, owned by the installation, placeholders promoted), delete what a complete
/// run did not see (threshold, required dependents) and create placeholder targets of relations.
/// Set-based: one statement per batch stages its keys and relations and, with INSERT … ON CONFLICT, rewrites only changed rows.
/// </summary>
public sealed class CatalogWriter(NpgsqlDataSource dataSource, TenantContext tenant)
{
    public sealed record BatchResult(long Inserted, long Updated, long Unchanged);

    // Statements over an installation's whole catalog (reconciliation, dropping a run's staged rows, placeholders) grow
    // with it: with 400k entities and live events beside the run, counting the stale ones outlasted Npgsql's default
    // 30 s on this 2-core machine and failed the run. The run's token still cancels them.
    private static readonly TimeSpan StatementTimeout = TimeSpan.FromMinutes(10);

    public sealed record DeletionOutcome(bool Ran, long Deleted, string? SkippedReason);

    // The first statements of the catalog's multi-statement batches, which trace themselves (see TracedByNpgsql).
    private static readonly FrozenSet<string> SelfTracedBatches =
        new[] { CatalogSql.ReplaceBatch, CatalogSql.MergeBatch, CatalogSql.WithoutNestedLoops, CatalogSql.CreatePlaceholders }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>
    /// Npgsql's tracing filter: a batch's span carries all its statements' text as one string, which for the catalog's
    /// batches (a resync's 30 upserts, 36 placeholder statements) was ~150 kB on the large object heap per batch, every
    /// run, and what set off the Worker's gen2 collections. Those batches get a span of their own (<see cref="StartBatchActivity"/>) without the text.
    /// </summary>
    public static bool TracedByNpgsql(NpgsqlBatch batch) =>
        batch.BatchCommands.Count == 0 || !SelfTracedBatches.Contains(batch.BatchCommands[0].CommandText);

    private static Activity? StartBatchActivity(string operation, int statements)
    {
        var activity = RunnerTelemetry.ActivitySource.StartActivity($"catalog {operation}", ActivityKind.Client);
        activity?.SetTag("db.system.name", "postgresql");
        activity?.SetTag("db.operation.batch.size", statements);
        return activity;
    }

    /// <summary>
    /// Upserts a batch of the run's entities for the installation; the staged rows are also the run's seen-set. Entities a live
    /// event wrote or deleted since <paramref name="fetchStartedAt"/> are left as the event left them.
    /// </summary>
    public async Task<BatchResult> UpsertAsync(Guid runId, Guid installationId, IReadOnlyList<MappedEntity> entities, bool mergeEntities,
        DateTimeOffset fetchStartedAt, CancellationToken ct) =>
        (await UpsertBatchesAsync(runId, installationId, [entities], mergeEntities, fetchStartedAt, ct))[0];

    /// <summary>
    /// <see cref="UpsertAsync"/> of several batches, in order, in one round trip and one (implicit) transaction, each counted on
    /// its own: a run's resources of a few entities each share a write instead of taking a round trip and a pooled connection
    /// each (a tiny resync wrote 30 one-statement batches). Each batch is its own statement, so a later one sees, and merges
    /// onto, what an earlier one wrote, exactly as separate calls would.
    /// </summary>
    public async Task<IReadOnlyList<BatchResult>> UpsertBatchesAsync(Guid runId, Guid installationId, IReadOnlyList<IReadOnlyList<MappedEntity>> batches,
        bool mergeEntities, DateTimeOffset fetchStartedAt, CancellationToken ct)
    {
        var results = new BatchResult[batches.Count];
        Array.Fill(results, new BatchResult(0, 0, 0));
        var written = Enumerable.Range(0, batches.Count).Where(i => batches[i].Count > 0).ToList();
        if (written.Count == 0)
        {
            return results;
        }
        // No transaction of ours (and its round trips): the statements up to the protocol's one Sync commit together.
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var batch = Batch(connection, null);
        var distinct = written.Select(i => AddUpsert(batch, runId, installationId, batches[i], mergeEntities, live: false, fetchStartedAt)).ToList();
        using var activity = StartBatchActivity("upsert", batch.BatchCommands.Count);
        activity?.SetTag("runner.entities", batches.Sum(b => b.Count));
        var counts = await ExecuteUpsertsAsync(batch, ct);
        for (var j = 0; j < written.Count; j++)
        {
            results[written[j]] = new BatchResult(counts[j].Inserted, counts[j].Updated, distinct[j] - counts[j].Inserted - counts[j].Updated);
        }
        return results;
    }

    /// <summary>A live event's upsert: always written (and stamped), and any tombstone of these entities is dropped.</summary>
    public async Task<BatchResult> UpsertLiveAsync(Guid installationId, IReadOnlyList<MappedEntity> entities, bool mergeEntities, CancellationToken ct)
    {
        if (entities.Count == 0)
        {
            return new BatchResult(0, 0, 0);
        }
        var stagingId = Guid.CreateVersion7();
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        BatchResult result;
        await using (var batch = Batch(connection, transaction))
        {
            var distinct = AddUpsert(batch, stagingId, installationId, entities, mergeEntities, live: true, fetchStartedAt: null);
            using var activity = StartBatchActivity("live upsert", 1);
            var (inserted, updated) = (await ExecuteUpsertsAsync(batch, ct))[0];
            result = new BatchResult(inserted, updated, distinct - inserted - updated);
        }
        await ExecuteReturningAsync(connection, transaction, CatalogSql.ForgetTombstonesOfStaged, [tenant.TenantId, stagingId], ct);
        await ExecuteReturningAsync(connection, transaction, CatalogSql.DropStaged, [stagingId], ct);
        await transaction.CommitAsync(ct);
        return result;
    }

    /// <summary>A live event's delete of the installation's entities (and their required dependents), leaving tombstones.</summary>
    public async Task<long> DeleteLiveAsync(Guid installationId, string blueprint, IReadOnlyList<string> identifiers, IReadOnlyList<BlueprintRelation> relations,
        bool deleteDependents, CancellationToken ct)
    {
        if (identifiers.Count == 0)
        {
            return 0;
        }
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var deleted = await ExecuteReturningAsync(connection, transaction, CatalogSql.DeleteLive, [tenant.TenantId, installationId, blueprint, identifiers.ToArray()], ct);
        long total = deleted.Count;
        if (deleteDependents && deleted.Count > 0)
        {
            total += await DeleteDependentsAsync(connection, transaction, blueprint, deleted, relations, ct);
        }
        await transaction.CommitAsync(ct);
        return total;
    }

    /// <summary>After a run: tombstones older than its fetch start cannot matter to any later run.</summary>
    public async Task ForgetTombstonesAsync(Guid installationId, DateTimeOffset before, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await ExecuteReturningAsync(connection, null, CatalogSql.ForgetOldTombstones, [tenant.TenantId, installationId, before], ct);
    }

    /// <summary>The database's clock: the one clock resync fetch starts and live writes are compared on.</summary>
    public async Task<DateTimeOffset> ClockAsync(CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var command = new NpgsqlCommand("SELECT now()", connection);
        return new DateTimeOffset((DateTime)(await command.ExecuteScalarAsync(ct))!, TimeSpan.Zero);
    }

    // Adds one batch's staging upsert to the round trip; how many distinct entities it holds.
    private int AddUpsert(NpgsqlBatch batch, Guid runId, Guid installationId, IReadOnlyList<MappedEntity> entities, bool mergeEntities, bool live,
        DateTimeOffset? fetchStartedAt)
    {
        var count = entities.Count;
        var blueprints = new string[count];
        var identifiers = new string[count];
        var titles = new string?[count];
        var icons = new string?[count];
        var teams = new ReadOnlyMemory<byte>?[count];
        var properties = new ReadOnlyMemory<byte>[count];
        var relations = new ReadOnlyMemory<byte>[count];
        // The last of an entity in the batch wins; found here, PostgreSQL need not sort the batch to find it.
        var latest = new bool[count];
        var lastOf = new Dictionary<(string Blueprint, string Identifier), int>(count);
        for (var i = 0; i < count; i++)
        {
            var entity = entities[i];
            (blueprints[i], identifiers[i], titles[i], icons[i]) = (entity.Blueprint, entity.Identifier, entity.Title, entity.Icon);
            // The JSON columns are UTF-8 already (written when the object was mapped): sent as they are.
            (teams[i], properties[i], relations[i]) = (entity.Team?.Utf8, entity.Properties.Utf8, entity.Relations.Utf8);
            lastOf[(entity.Blueprint, entity.Identifier)] = i;
        }
        foreach (var last in lastOf.Values)
        {
            latest[last] = true;
        }

        var upsert = new NpgsqlBatchCommand(mergeEntities ? CatalogSql.MergeBatch : CatalogSql.ReplaceBatch);
        upsert.Parameters.AddWithValue(tenant.TenantId);
        upsert.Parameters.AddWithValue(installationId);
        upsert.Parameters.AddWithValue(live);
        upsert.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.TimestampTz, Value = fetchStartedAt is { } since ? since : DBNull.Value });
        upsert.Parameters.AddWithValue(runId);
        upsert.Parameters.Add(new NpgsqlParameter<string[]> { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text, TypedValue = blueprints });
        upsert.Parameters.Add(new NpgsqlParameter<string[]> { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text, TypedValue = identifiers });
        upsert.Parameters.Add(new NpgsqlParameter<string?[]> { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text, TypedValue = titles });
        upsert.Parameters.Add(new NpgsqlParameter<string?[]> { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text, TypedValue = icons });
        upsert.Parameters.Add(new NpgsqlParameter<ReadOnlyMemory<byte>?[]> { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb, TypedValue = teams });
        upsert.Parameters.Add(new NpgsqlParameter<ReadOnlyMemory<byte>[]> { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb, TypedValue = properties });
        upsert.Parameters.Add(new NpgsqlParameter<ReadOnlyMemory<byte>[]> { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb, TypedValue = relations });
        upsert.Parameters.Add(new NpgsqlParameter<bool[]> { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Boolean, TypedValue = latest });
        batch.BatchCommands.Add(upsert);
        return lastOf.Count;
    }

    // Each statement's (inserted, updated), in the batch's order.
    private static async Task<List<(long Inserted, long Updated)>> ExecuteUpsertsAsync(NpgsqlBatch batch, CancellationToken ct)
    {
        // Prepared once per pooled connection: unprepared, it was planned again for every batch, its values inlined.
        await batch.PrepareAsync(ct);
        var counts = new List<(long Inserted, long Updated)>(batch.BatchCommands.Count);
        await using var reader = await batch.ExecuteReaderAsync(ct);
        do
        {
            await reader.ReadAsync(ct);
            counts.Add((reader.GetInt64(0), reader.GetInt64(1)));
        }
        while (await reader.NextResultAsync(ct));
        return counts;
    }

    /// <summary>
    /// Per blueprint, how many of the installation's real entities the run did not see (stale) and how many it has: every
    /// blueprint in one round trip, as most runs of a settled installation delete nothing. Without nested loops, as
    /// <see cref="DeleteStaleAsync"/>.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, (long Stale, long Existing)>> CountStaleAsync(Guid runId, Guid installationId,
        IReadOnlyList<string> blueprints, DateTimeOffset fetchStartedAt, CancellationToken ct)
    {
        var counts = new Dictionary<string, (long Stale, long Existing)>(blueprints.Count, StringComparer.Ordinal);
        if (blueprints.Count == 0)
        {
            return counts;
        }
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        // Read-only: the transaction only scopes the SET LOCAL, and is rolled back when disposed.
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await using var batch = Batch(connection, transaction);
        batch.BatchCommands.Add(new NpgsqlBatchCommand(CatalogSql.WithoutNestedLoops));
        foreach (var blueprint in blueprints)
        {
            batch.BatchCommands.Add(BatchCommand(CatalogSql.CountStale, tenant.TenantId, installationId, runId, blueprint, fetchStartedAt));
        }
        using var activity = StartBatchActivity("count stale", batch.BatchCommands.Count);
        await using var reader = await batch.ExecuteReaderAsync(ct);
        // The SET LOCAL returns no rows: the reader's result sets are the counts, in the blueprints' order.
        foreach (var blueprint in blueprints)
        {
            await reader.ReadAsync(ct);
            counts[blueprint] = (reader.GetInt64(0), reader.GetInt64(1));
            await reader.NextResultAsync(ct);
        }
        return counts;
    }

    /// <summary>Deletes the installation's entities of a blueprint the run did not see, unless that exceeds the threshold.</summary>
    /// <param name="keepWhole">Blueprints this run saw only in part: their entities are not deleted as dependents either.</param>
    /// <param name="fetchStartedAt">What live events wrote since then is kept: the run may not have seen it.</param>
    public async Task<DeletionOutcome> DeleteStaleAsync(Guid runId, Guid installationId, string blueprint, double threshold,
        IReadOnlyList<BlueprintRelation> relations, bool deleteDependents, IReadOnlySet<string> keepWhole, DateTimeOffset fetchStartedAt, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await ExecuteAsync(connection, transaction, CatalogSql.WithoutNestedLoops, ct);
        var (stale, existing) = await CountStaleAsync(connection, transaction, runId, installationId, blueprint, fetchStartedAt, ct);
        if (stale == 0)
        {
            return new DeletionOutcome(true, 0, null);
        }
        var share = (double)stale / existing;
        if (share > threshold)
        {
            return new DeletionOutcome(false, 0, string.Create(CultureInfo.InvariantCulture,
                $"would delete {stale} of {existing} entities ({share * 100:0}%), more than the entityDeletionThreshold of {threshold:0.##}"));
        }
        var deleted = await ExecuteReturningAsync(connection, transaction, CatalogSql.DeleteStale, [tenant.TenantId, installationId, runId, blueprint, fetchStartedAt], ct);
        long total = deleted.Count;
        if (deleteDependents)
        {
            await ExecuteAsync(connection, transaction, CatalogSql.WithNestedLoops, ct);
            total += await DeleteDependentsAsync(connection, transaction, blueprint, deleted, relations.Where(r => !keepWhole.Contains(r.Blueprint)).ToList(), ct);
        }
        await transaction.CommitAsync(ct);
        return new DeletionOutcome(true, total, null);
    }

    /// <summary>
    /// After a complete run: deletes the installation's entities in blueprints that no resource of its mapping feeds any
    /// more (a resource removed from the mapping), with their dependents when asked; skipped when they are more than
    /// <paramref name="threshold"/> of all the installation's entities.
    /// </summary>
    public async Task<IReadOnlyList<(string Blueprint, DeletionOutcome Outcome)>> DeleteUnfedAsync(Guid installationId, IReadOnlySet<string> fed,
        double threshold, IReadOnlyList<BlueprintRelation> relations, bool deleteDependents, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        await using (var command = Command(CatalogSql.CountByBlueprint, connection, transaction))
        {
            command.Parameters.AddWithValue(tenant.TenantId);
            command.Parameters.AddWithValue(installationId);
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                counts[reader.GetString(0)] = reader.GetInt64(1);
            }
        }
        var unfed = counts.Keys.Where(b => !fed.Contains(b)).Order(StringComparer.Ordinal).ToList();
        var stale = unfed.Sum(b => counts[b]);
        var share = unfed.Count == 0 ? 0 : (double)stale / counts.Values.Sum();
        if (share > threshold)
        {
            var reason = string.Create(CultureInfo.InvariantCulture,
                $"no resource feeds it any more, but deleting would remove {stale} of the installation's {counts.Values.Sum()} entities ({share * 100:0}%), more than the entityDeletionThreshold of {threshold:0.##}");
            return unfed.Select(b => (b, new DeletionOutcome(false, 0, reason))).ToList();
        }
        var outcomes = new List<(string, DeletionOutcome)>();
        foreach (var blueprint in unfed)
        {
            var deleted = await ExecuteReturningAsync(connection, transaction, CatalogSql.DeleteBlueprint, [tenant.TenantId, installationId, blueprint], ct);
            long total = deleted.Count;
            if (deleteDependents)
            {
                total += await DeleteDependentsAsync(connection, transaction, blueprint, deleted, relations, ct);
            }
            outcomes.Add((blueprint, new DeletionOutcome(true, total, null)));
        }
        await transaction.CommitAsync(ct);
        return outcomes;
    }

    /// <summary>Deletes up to <paramref name="batchSize"/> entities of a deleted installation; how many it deleted.</summary>
    public async Task<int> DeleteOfInstallationAsync(Guid installationId, int batchSize, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(CatalogSql.DeleteOfInstallation);
        command.Parameters.AddWithValue(tenant.TenantId);
        command.Parameters.AddWithValue(installationId);
        command.Parameters.AddWithValue(batchSize);
        return await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Creates the missing targets of the run's relations as placeholders: every relation in one round trip.</summary>
    public async Task CreatePlaceholdersAsync(Guid runId, Guid installationId, IEnumerable<BlueprintRelation> relations, CancellationToken ct)
    {
        var commands = relations.Select(relation => BatchCommand(CatalogSql.CreatePlaceholders,
            tenant.TenantId, installationId, runId, relation.Blueprint, relation.Relation, relation.Target)).ToList();
        if (commands.Count == 0)
        {
            return;
        }
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var batch = Batch(connection, null);
        commands.ForEach(batch.BatchCommands.Add);
        using var activity = StartBatchActivity("create placeholders", batch.BatchCommands.Count);
        await batch.ExecuteNonQueryAsync(ct);
    }

    public async Task DropStagedAsync(Guid runId, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await ExecuteReturningAsync(connection, null, CatalogSql.DropStaged, [runId], ct);
    }

    // Follows required relations transitively: a deleted repository takes its branches, and their dependents.
    private async Task<long> DeleteDependentsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string blueprint,
        List<string> deletedIdentifiers, IReadOnlyList<BlueprintRelation> relations, CancellationToken ct)
    {
        long total = 0;
        var pending = new Queue<(string Blueprint, List<string> Identifiers)>([(blueprint, deletedIdentifiers)]);
        while (pending.TryDequeue(out var next))
        {
            foreach (var relation in relations.Where(r => r.Required && r.Target == next.Blueprint))
            {
                var dependents = await ExecuteReturningAsync(connection, transaction, CatalogSql.DeleteDependents,
                    [tenant.TenantId, relation.Blueprint, relation.Relation, next.Identifiers.ToArray()], ct);
                total += dependents.Count;
                if (dependents.Count > 0)
                {
                    pending.Enqueue((relation.Blueprint, dependents));
                }
            }
        }
        return total;
    }

    private async Task<(long Stale, long Existing)> CountStaleAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        Guid runId, Guid installationId, string blueprint, DateTimeOffset fetchStartedAt, CancellationToken ct)
    {
        await using var command = Command(CatalogSql.CountStale, connection, transaction);
        foreach (var value in new object[] { tenant.TenantId, installationId, runId, blueprint, fetchStartedAt })
        {
            command.Parameters.AddWithValue(value);
        }
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    private static NpgsqlBatchCommand BatchCommand(string sql, params object[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }
        return command;
    }

    private static NpgsqlBatch Batch(NpgsqlConnection connection, NpgsqlTransaction? transaction) =>
        new(connection, transaction) { Timeout = (int)StatementTimeout.TotalSeconds };

    private static NpgsqlCommand Command(string sql, NpgsqlConnection connection, NpgsqlTransaction? transaction) =>
        new(sql, connection, transaction) { CommandTimeout = (int)StatementTimeout.TotalSeconds };

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken ct)
    {
        await using var command = Command(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(ct);
    }

    private static async Task<List<string>> ExecuteReturningAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, object[] parameters, CancellationToken ct)
    {
        await using var command = Command(sql, connection, transaction);
        foreach (var value in parameters)
        {
            command.Parameters.AddWithValue(value);
        }
        var returned = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            if (reader.FieldCount > 0)
            {
                returned.Add(reader.GetString(0));
            }
        }
        return returned;
    }
}
