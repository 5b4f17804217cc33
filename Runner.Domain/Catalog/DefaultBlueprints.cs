using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Runner.Domain.Persistence;

namespace Runner.Domain.Catalog;

/// <summary>Gives a tenant the blueprints an integration's default mapping writes to, keeping any it already has.</summary>
public sealed class DefaultBlueprints(RunnerDbContext db, TimeProvider clock)
{
    public async Task AddMissingAsync(IReadOnlyList<JsonObject> definitions, CancellationToken ct)
    {
        var existing = await db.Blueprints.Select(b => b.Identifier).ToListAsync(ct);
        var now = clock.GetUtcNowForDatabase();
        foreach (var definition in definitions.Where(d => !existing.Contains(d["identifier"]!.GetValue<string>())))
        {
            db.Blueprints.Add(new Blueprint
            {
                Identifier = definition["identifier"]!.GetValue<string>(),
                Title = definition["title"]?.GetValue<string>() ?? definition["identifier"]!.GetValue<string>(),
                DefinitionJson = definition.ToJsonString(),
                CreatedAt = now,
                UpdatedAt = now,
            });
        }
    }
}
