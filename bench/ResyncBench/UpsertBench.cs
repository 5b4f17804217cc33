using System.Diagnostics;
using Npgsql;
using NpgsqlTypes;
using Runner.Domain.Catalog;
using Runner.Domain.Mapping;
using Runner.Domain.Resync.Execution;
using Runner.Domain.Tenants;

namespace Runner.Bench;

/// <summary>
/// Upsert rows/s of <see cref="CatalogWriter"/> against the bench's PostgreSQL, in the engine's batch size and
/// order: first as new rows (identifiers prefixed, so they do not collide with the resync's), then the same rows
/// again unchanged, as a steady-state resync writes them. Beside each, in the same run, PostgreSQL's own
/// server-side upsert of the same rows (other identifiers): loaded untimed into a table, then one timed
/// INSERT … SELECT with the product's columns, conflict key and change test (merge). The rows are deleted afterwards.
/// </summary>
public static class UpsertBench
{
    private const string WriterPrefix = "bench-upsert-";
    private const string ServerPrefix = "bench-server-";
    private const string SourceTable = "runner.bench_upsert_source";

    // The product's INSERT and ON CONFLICT … DO UPDATE … WHERE changed, over rows already on the server.
    private const string ServerSideUpsert = CatalogSql.Insert + """

        SELECT $1::uuid, r.blueprint, r.identifier, r.title, r.icon, r.team, r.properties, r.relations, $2::uuid, false,
               CASE WHEN $3::boolean THEN now() END, now(), now()
        FROM runner.bench_upsert_source r

        """ + CatalogSql.MergeSet;

    public static async Task<object> RunAsync(BenchSettings settings, IReadOnlyList<MappedEntity> mapped)
    {
        await using var dataSource = NpgsqlDataSource.Create(settings.ConnectionString);
        var tenant = new TenantContext();
        tenant.Set(settings.TenantId);
        var writer = new CatalogWriter(dataSource, tenant);
        var entities = mapped.Select(e => e with { Identifier = WriterPrefix + e.Identifier }).ToList();
        // One INSERT cannot affect a row twice: the server side gets each entity once, the last of it (as a batch keeps it).
        var serverRows = mapped.GroupBy(e => (e.Blueprint, e.Identifier)).Select(g => g.Last() with { Identifier = ServerPrefix + g.Key.Identifier }).ToList();
        await LoadSourceAsync(dataSource, serverRows);

        // Alternated, so that each pair meets about the same catalog.
        Guid[] runs = [Guid.NewGuid(), Guid.NewGuid()];
        var (inserted, insertSeconds) = await WriteAllAsync(writer, runs[0], settings.InstallationId, entities);
        var (serverInserted, serverInsertSeconds) = await ServerSideAsync(dataSource, settings);
        var (unchanged, unchangedSeconds) = await WriteAllAsync(writer, runs[1], settings.InstallationId, entities);
        var (serverRewritten, serverUnchangedSeconds) = await ServerSideAsync(dataSource, settings);
        Console.Error.WriteLine($"upserted {entities.Count} rows: new in {insertSeconds:F2} s, unchanged in {unchangedSeconds:F2} s; " +
            $"server-side {serverRows.Count} rows: new in {serverInsertSeconds:F2} s, unchanged in {serverUnchangedSeconds:F2} s");

        await using (var cleanup = dataSource.CreateBatch())
        {
            cleanup.BatchCommands.Add(new NpgsqlBatchCommand("DELETE FROM runner.entities WHERE tenant_id = $1 AND (starts_with(identifier, $2) OR starts_with(identifier, $3))")
            {
                Parameters = { new() { Value = settings.TenantId }, new() { Value = WriterPrefix }, new() { Value = ServerPrefix } },
            });
            cleanup.BatchCommands.Add(new NpgsqlBatchCommand("DELETE FROM runner.resync_staged_entities WHERE run_id = ANY($1)")
            {
                Parameters = { new() { Value = runs } },
            });
            cleanup.BatchCommands.Add(new NpgsqlBatchCommand($"DROP TABLE {SourceTable}"));
            await cleanup.ExecuteNonQueryAsync();
        }
        var insertRowsPerSecond = entities.Count / insertSeconds;
        var unchangedRowsPerSecond = entities.Count / unchangedSeconds;
        var serverInsertRowsPerSecond = serverRows.Count / serverInsertSeconds;
        var serverUnchangedRowsPerSecond = serverRows.Count / serverUnchangedSeconds;
        return new
        {
            rows = entities.Count,
            batchSize = PendingEntities.BatchSize,
            insertedRows = inserted.Inserted,
            insertRowsPerSecond = Math.Round(insertRowsPerSecond),
            unchangedRows = unchanged.Unchanged,
            unchangedRowsPerSecond = Math.Round(unchangedRowsPerSecond),
            serverRows = serverRows.Count,
            serverInsertedRows = serverInserted,
            serverInsertRowsPerSecond = Math.Round(serverInsertRowsPerSecond),
            serverRewrittenUnchangedRows = serverRewritten,
            serverUnchangedRowsPerSecond = Math.Round(serverUnchangedRowsPerSecond),
            insertVsServer = Math.Round(insertRowsPerSecond / serverInsertRowsPerSecond, 2),
            unchangedVsServer = Math.Round(unchangedRowsPerSecond / serverUnchangedRowsPerSecond, 2),
        };
    }

    private static async Task<(CatalogWriter.BatchResult Total, double Seconds)> WriteAllAsync(
        CatalogWriter writer, Guid runId, Guid installationId, List<MappedEntity> entities)
    {
        long inserted = 0, updated = 0, unchanged = 0;
        var clock = Stopwatch.StartNew();
        foreach (var chunk in entities.Chunk(PendingEntities.BatchSize))
        {
            var result = await writer.UpsertAsync(runId, installationId, chunk, mergeEntities: true, DateTimeOffset.MaxValue, CancellationToken.None);
            (inserted, updated, unchanged) = (inserted + result.Inserted, updated + result.Updated, unchanged + result.Unchanged);
        }
        var seconds = clock.Elapsed.TotalSeconds;
        return (new CatalogWriter.BatchResult(inserted, updated, unchanged), seconds);
    }

    // Untimed: the rows on the server in the written columns' types, the JSON already parsed to jsonb.
    private static async Task LoadSourceAsync(NpgsqlDataSource dataSource, List<MappedEntity> rows)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using (var create = new NpgsqlCommand($"""
            CREATE UNLOGGED TABLE {SourceTable} (blueprint text NOT NULL, identifier text NOT NULL, title text NULL, icon text NULL,
                                                 team jsonb NULL, properties jsonb NOT NULL, relations jsonb NOT NULL)
            """, connection))
        {
            await create.ExecuteNonQueryAsync();
        }
        await using (var copy = await connection.BeginBinaryImportAsync($"COPY {SourceTable} FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var row in rows)
            {
                await copy.StartRowAsync();
                await copy.WriteAsync(row.Blueprint, NpgsqlDbType.Text);
                await copy.WriteAsync(row.Identifier, NpgsqlDbType.Text);
                await WriteNullableAsync(copy, row.Title);
                await WriteNullableAsync(copy, row.Icon);
                if (row.Team is { } team)
                {
                    await copy.WriteAsync(team.Utf8, NpgsqlDbType.Jsonb);
                }
                else
                {
                    await copy.WriteNullAsync();
                }
                await copy.WriteAsync(row.Properties.Utf8, NpgsqlDbType.Jsonb);
                await copy.WriteAsync(row.Relations.Utf8, NpgsqlDbType.Jsonb);
            }
            await copy.CompleteAsync();
        }
        await using var analyze = new NpgsqlCommand($"VACUUM ANALYZE {SourceTable}", connection);
        await analyze.ExecuteNonQueryAsync();
    }

    private static Task WriteNullableAsync(NpgsqlBinaryImporter copy, string? value) =>
        value is null ? copy.WriteNullAsync() : copy.WriteAsync(value, NpgsqlDbType.Text);

    // One statement, one transaction: how many rows it wrote (new or changed) and how long it took.
    private static async Task<(long Written, double Seconds)> ServerSideAsync(NpgsqlDataSource dataSource, BenchSettings settings)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var upsert = new NpgsqlCommand(ServerSideUpsert, connection)
        {
            CommandTimeout = 600,
            Parameters =
            {
                new() { Value = settings.TenantId },
                new() { Value = settings.InstallationId },
                new() { Value = false },
                new() { NpgsqlDbType = NpgsqlDbType.TimestampTz, Value = DateTimeOffset.MaxValue },
            },
        };
        var clock = Stopwatch.StartNew();
        long written = 0;
        await using (var reader = await upsert.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                written++;
            }
        }
        return (written, clock.Elapsed.TotalSeconds);
    }
}
