using System.Globalization;
using Npgsql;
using NpgsqlTypes;
using Runner.Domain.Mapping;
using Runner.Domain.Tenants;

namespace Runner.Domain.Catalog;

/// <summary>
/// The one way into the catalog's entities, for an installation in the caller's tenant: upsert mapped
/// entities (replace or merge, owned by the installation, placeholders promoted), delete what a complete
/// run did not see (threshold, required dependents) and create placeholder targets of relations.
/// Set-based: a batch is COPYed into staging rows, then one INSERT … ON CONFLICT rewrites only changed rows.
/// </summary>
public sealed class CatalogWriter(NpgsqlDataSource dataSource, TenantContext tenant)
{
    public sealed record BatchResult(long Inserted, long Updated, long Unchanged);

    public sealed record DeletionOutcome(bool Ran, long Deleted, string? SkippedReason);

    /// <summary>Upserts a batch of the run's entities for the installation; the staged rows are also the run's seen-set.</summary>
    public async Task<BatchResult> UpsertAsync(Guid runId, Guid installationId, int batch, IReadOnlyList<MappedEntity> entities, bool mergeEntities, CancellationToken ct)
    {
        if (entities.Count == 0)
        {
            return new BatchResult(0, 0, 0);
        }
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await StageAsync(connection, runId, batch, entities, ct);

        await using var merge = new NpgsqlCommand(mergeEntities ? CatalogSql.MergeBatch : CatalogSql.ReplaceBatch, connection, transaction);
        merge.Parameters.AddWithValue(tenant.TenantId);
        merge.Parameters.AddWithValue(installationId);
        merge.Parameters.AddWithValue(runId);
        merge.Parameters.AddWithValue(batch);
        long inserted = 0, updated = 0;
        await using (var reader = await merge.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                if (reader.GetBoolean(0))
                {
                    inserted++;
                }
                else
                {
                    updated++;
                }
            }
        }
        var distinct = await DistinctCountAsync(connection, transaction, runId, batch, ct);
        await transaction.CommitAsync(ct);
        return new BatchResult(inserted, updated, distinct - inserted - updated);
    }

    private static async Task StageAsync(NpgsqlConnection connection, Guid runId, int batch, IReadOnlyList<MappedEntity> entities, CancellationToken ct)
    {
        await using var copy = await connection.BeginBinaryImportAsync(CatalogSql.CopyStaged, ct);
        var seq = 0;
        foreach (var entity in entities)
        {
            await copy.StartRowAsync(ct);
            await copy.WriteAsync(runId, NpgsqlDbType.Uuid, ct);
            await copy.WriteAsync(batch, NpgsqlDbType.Integer, ct);
            await copy.WriteAsync(seq++, NpgsqlDbType.Integer, ct);
            await copy.WriteAsync(entity.Blueprint, NpgsqlDbType.Text, ct);
            await copy.WriteAsync(entity.Identifier, NpgsqlDbType.Text, ct);
            await WriteNullableAsync(copy, entity.Title, NpgsqlDbType.Text, ct);
            await WriteNullableAsync(copy, entity.Icon, NpgsqlDbType.Text, ct);
            await WriteNullableAsync(copy, entity.Team?.GetRawText(), NpgsqlDbType.Jsonb, ct);
            await copy.WriteAsync(entity.Properties.GetRawText(), NpgsqlDbType.Jsonb, ct);
            await copy.WriteAsync(entity.Relations.GetRawText(), NpgsqlDbType.Jsonb, ct);
        }
        await copy.CompleteAsync(ct);
    }

    private static Task WriteNullableAsync(NpgsqlBinaryImporter copy, string? value, NpgsqlDbType type, CancellationToken ct) =>
        value is null ? copy.WriteNullAsync(ct) : copy.WriteAsync(value, type, ct);

    private static async Task<long> DistinctCountAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid runId, int batch, CancellationToken ct)
    {
        await using var count = new NpgsqlCommand(CatalogSql.CountBatch, connection, transaction);
        count.Parameters.AddWithValue(runId);
        count.Parameters.AddWithValue(batch);
        return (long)(await count.ExecuteScalarAsync(ct))!;
    }

    /// <summary>Deletes the installation's entities of a blueprint the run did not see, unless that exceeds the threshold.</summary>
    /// <param name="keepWhole">Blueprints this run saw only in part: their entities are not deleted as dependents either.</param>
    public async Task<DeletionOutcome> DeleteStaleAsync(Guid runId, Guid installationId, string blueprint, double threshold,
        IReadOnlyList<BlueprintRelation> relations, bool deleteDependents, IReadOnlySet<string> keepWhole, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var (stale, existing) = await CountStaleAsync(connection, transaction, runId, installationId, blueprint, ct);
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
        var deleted = await ExecuteReturningAsync(connection, transaction, CatalogSql.DeleteStale, [tenant.TenantId, installationId, runId, blueprint], ct);
        long total = deleted.Count;
        if (deleteDependents)
        {
            total += await DeleteDependentsAsync(connection, transaction, blueprint, deleted, relations.Where(r => !keepWhole.Contains(r.Blueprint)).ToList(), ct);
        }
        await transaction.CommitAsync(ct);
        return new DeletionOutcome(true, total, null);
    }

    public async Task CreatePlaceholdersAsync(Guid runId, Guid installationId, IEnumerable<BlueprintRelation> relations, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        foreach (var relation in relations)
        {
            await ExecuteReturningAsync(connection, null, CatalogSql.CreatePlaceholders,
                [tenant.TenantId, installationId, runId, relation.Blueprint, relation.Relation, relation.Target], ct);
        }
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
        Guid runId, Guid installationId, string blueprint, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(CatalogSql.CountStale, connection, transaction);
        foreach (var value in new object[] { tenant.TenantId, installationId, runId, blueprint })
        {
            command.Parameters.AddWithValue(value);
        }
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    private static async Task<List<string>> ExecuteReturningAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, object[] parameters, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
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
