using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Runner.Domain.Common;
using Runner.Domain.Persistence;

namespace Runner.Domain.Catalog;

/// <summary>The caller's tenant's blueprints, in Port's format.</summary>
public sealed partial class BlueprintService(RunnerDbContext db, TimeProvider clock)
{
    public Task<List<Blueprint>> ListAsync(CancellationToken ct) =>
        db.Blueprints.AsNoTracking().OrderBy(b => b.Identifier).ToListAsync(ct);

    public async Task<Blueprint> GetAsync(string identifier, CancellationToken ct) =>
        await db.Blueprints.SingleOrDefaultAsync(b => b.Identifier == identifier, ct) ?? throw new NotFoundException($"Blueprint '{identifier}'");

    /// <summary>Creates or replaces a blueprint; the body's identifier, if given, must match the path.</summary>
    public async Task<Blueprint> PutAsync(string identifier, JsonElement body, CancellationToken ct)
    {
        var definition = Validate(identifier, body);
        var now = clock.GetUtcNowForDatabase();
        var blueprint = await db.Blueprints.SingleOrDefaultAsync(b => b.Identifier == identifier, ct);
        if (blueprint is null)
        {
            blueprint = new Blueprint { Identifier = identifier, Title = "", DefinitionJson = "{}", CreatedAt = now };
            db.Blueprints.Add(blueprint);
        }
        blueprint.Title = definition["title"]!.GetValue<string>();
        blueprint.DefinitionJson = definition.ToJsonString();
        blueprint.UpdatedAt = now;
        await db.SaveChangesAsync(ct);
        return blueprint;
    }

    private static JsonObject Validate(string identifier, JsonElement body)
    {
        var errors = new ValidationErrors();
        if (!IdentifierPattern().IsMatch(identifier))
        {
            errors.Add("identifier", "must be 1-100 letters, digits, '_', '-' or '@', starting with a letter or digit");
        }
        if (body.ValueKind != JsonValueKind.Object)
        {
            errors.Add("body", "must be a blueprint object");
        }
        else
        {
            TextRules.CheckJson(body, errors);
        }
        errors.ThrowIfAny();
        var definition = JsonNode.Parse(body.GetRawText())!.AsObject();
        if (definition["identifier"] is { } given && (given.GetValueKind() != JsonValueKind.String || given.GetValue<string>() != identifier))
        {
            errors.Add("identifier", $"must equal the identifier in the path ('{identifier}')");
        }
        definition["identifier"] = identifier;
        if (definition["title"] is not { } title || title.GetValueKind() != JsonValueKind.String || title.GetValue<string>().Trim().Length == 0)
        {
            errors.Add("title", "is required");
        }
        else if (title.GetValue<string>().Length > InputLimits.MaxBlueprintTitleLength)
        {
            errors.Add("title", $"must be at most {InputLimits.MaxBlueprintTitleLength} characters");
        }
        if (definition["schema"] is { } schema && schema.GetValueKind() != JsonValueKind.Object)
        {
            errors.Add("schema", "must be an object with 'properties' and 'required'");
        }
        if (definition["relations"] is JsonObject relations)
        {
            foreach (var (name, relation) in relations)
            {
                if (relation?["target"] is not { } target || target.GetValueKind() != JsonValueKind.String)
                {
                    errors.Add($"relations.{name}.target", "is required");
                }
            }
        }
        else if (definition["relations"] is not null)
        {
            errors.Add("relations", "must be an object");
        }
        errors.ThrowIfAny();
        definition["schema"] ??= new JsonObject { ["properties"] = new JsonObject(), ["required"] = new JsonArray() };
        definition["relations"] ??= new JsonObject();
        return definition;
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_@-]{0,99}$")]
    private static partial Regex IdentifierPattern();
}
