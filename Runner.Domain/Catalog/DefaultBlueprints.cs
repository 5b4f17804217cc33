using System.Text.Json.Nodes;
using Npgsql;
using Runner.Domain.Persistence;
using Runner.Domain.Tenants;

namespace Runner.Domain.Catalog;

/// <summary>
/// Gives a tenant the blueprints an integration's default mapping writes to, keeping any it already has.
/// ON CONFLICT DO NOTHING: two first installations of a tenant created at once must not collide.
/// </summary>
public sealed class DefaultBlueprints(NpgsqlDataSource dataSource, TenantContext tenant, TimeProvider clock)
{
    public async Task AddMissingAsync(IReadOnlyList<JsonObject> definitions, CancellationToken ct)
    {
        var now = clock.GetUtcNowForDatabase();
        await using var batch = dataSource.CreateBatch();
        foreach (var definition in definitions)
        {
            var identifier = definition["identifier"]!.GetValue<string>();
            var command = new NpgsqlBatchCommand("""
                INSERT INTO runner.blueprints (tenant_id, identifier, title, definition, created_at, updated_at)
                VALUES ($1, $2, $3, $4::jsonb, $5, $5)
                ON CONFLICT (tenant_id, identifier) DO NOTHING
                """);
            command.Parameters.AddWithValue(tenant.TenantId);
            command.Parameters.AddWithValue(identifier);
            command.Parameters.AddWithValue(definition["title"]?.GetValue<string>() ?? identifier);
            command.Parameters.AddWithValue(definition.ToJsonString());
            command.Parameters.AddWithValue(now);
            batch.BatchCommands.Add(command);
        }
        await batch.ExecuteNonQueryAsync(ct);
    }
}
