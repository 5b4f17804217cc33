using System.Diagnostics;
using Npgsql;
using Runner.Domain.Catalog;
using Runner.Domain.Mapping;
using Runner.Domain.Resync.Execution;
using Runner.Domain.Tenants;

namespace Runner.Bench;

/// <summary>
/// Upsert rows/s of <see cref="CatalogWriter"/> against the bench's PostgreSQL, in the engine's batch size and
/// order: first as new rows (identifiers prefixed, so they do not collide with the resync's), then the same rows
/// again unchanged, as a steady-state resync writes them. The rows are deleted afterwards.
/// </summary>
public static class UpsertBench
{
    private const string Prefix = "bench-upsert-";

    public static async Task<object> RunAsync(BenchSettings settings, IReadOnlyList<MappedEntity> mapped)
    {
        await using var dataSource = NpgsqlDataSource.Create(settings.ConnectionString);
        var tenant = new TenantContext();
        tenant.Set(settings.TenantId);
        var writer = new CatalogWriter(dataSource, tenant);
        var entities = mapped.Select(e => e with { Identifier = Prefix + e.Identifier }).ToList();

        Guid[] runs = [Guid.NewGuid(), Guid.NewGuid()];
        var (inserted, insertSeconds) = await WriteAllAsync(writer, runs[0], settings.InstallationId, entities);
        var (unchanged, unchangedSeconds) = await WriteAllAsync(writer, runs[1], settings.InstallationId, entities);
        Console.Error.WriteLine($"upserted {entities.Count} rows: new in {insertSeconds:F2} s, unchanged in {unchangedSeconds:F2} s");

        await using (var cleanup = dataSource.CreateBatch())
        {
            cleanup.BatchCommands.Add(new NpgsqlBatchCommand("DELETE FROM runner.entities WHERE tenant_id = $1 AND starts_with(identifier, $2)")
            {
                Parameters = { new() { Value = settings.TenantId }, new() { Value = Prefix } },
            });
            cleanup.BatchCommands.Add(new NpgsqlBatchCommand("DELETE FROM runner.resync_staged_entities WHERE run_id = ANY($1)")
            {
                Parameters = { new() { Value = runs } },
            });
            await cleanup.ExecuteNonQueryAsync();
        }
        return new
        {
            rows = entities.Count,
            batchSize = ResourceSync.BatchSize,
            insertedRows = inserted.Inserted,
            insertRowsPerSecond = Math.Round(entities.Count / insertSeconds),
            unchangedRows = unchanged.Unchanged,
            unchangedRowsPerSecond = Math.Round(entities.Count / unchangedSeconds),
        };
    }

    private static async Task<(CatalogWriter.BatchResult Total, double Seconds)> WriteAllAsync(
        CatalogWriter writer, Guid runId, Guid installationId, List<MappedEntity> entities)
    {
        long inserted = 0, updated = 0, unchanged = 0;
        var clock = Stopwatch.StartNew();
        var batch = 0;
        foreach (var chunk in entities.Chunk(ResourceSync.BatchSize))
        {
            var result = await writer.UpsertAsync(runId, installationId, batch++, chunk, mergeEntities: true, DateTimeOffset.MaxValue, CancellationToken.None);
            (inserted, updated, unchanged) = (inserted + result.Inserted, updated + result.Updated, unchanged + result.Unchanged);
        }
        var seconds = clock.Elapsed.TotalSeconds;
        return (new CatalogWriter.BatchResult(inserted, updated, unchanged), seconds);
    }
}
