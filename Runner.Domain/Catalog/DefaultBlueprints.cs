using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Runner.Domain.Persistence;
using Runner.Domain.Tenants;

namespace Runner.Domain.Catalog;

/// <summary>
/// Gives a tenant the blueprints an integration's default mapping writes to, keeping any it already has.
/// On the caller's DbContext connection, so it joins the caller's transaction (installation create).
/// ON CONFLICT DO NOTHING: two first installations of a tenant created at once must not collide.
/// </summary>
public sealed class DefaultBlueprints(RunnerDbContext db, TenantContext tenant, TimeProvider clock)
{
    public async Task AddMissingAsync(IReadOnlyList<JsonObject> definitions, CancellationToken ct)
    {
        var now = clock.GetUtcNowForDatabase();
        foreach (var definition in definitions)
        {
            var identifier = definition["identifier"]!.GetValue<string>();
            var title = definition["title"]?.GetValue<string>() ?? identifier;
            var json = definition.ToJsonString();
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO runner.blueprints (tenant_id, identifier, title, definition, created_at, updated_at)
                VALUES ({tenant.TenantId}, {identifier}, {title}, {json}::jsonb, {now}, {now})
                ON CONFLICT (tenant_id, identifier) DO NOTHING
                """, ct);
        }
    }
}
