using Npgsql;
using NpgsqlTypes;
using Runner.Domain.Mapping;
using Runner.Domain.Tenants;

namespace Runner.Domain.Catalog;

/// <summary>
/// Writes a run's mapped entities in batches: COPY into the run's staging rows (which double as the
/// run's seen-set for reconciliation), then one INSERT … ON CONFLICT that rewrites only rows whose
/// content changed.
/// </summary>
public sealed class CatalogBatchWriter(NpgsqlDataSource dataSource, TenantContext tenant)
{
    public sealed record BatchResult(long Inserted, long Updated, long Unchanged);

    public async Task<BatchResult> WriteAsync(Guid runId, Guid installationId, int batch, IReadOnlyList<MappedEntity> entities, bool mergeEntities, CancellationToken ct)
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
}
