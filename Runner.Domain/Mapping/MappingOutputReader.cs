using System.Text.Json;

namespace Runner.Domain.Mapping;

/// <summary>
/// Turns the combined program's output into entities, rejecting the object when an entity is unusable
/// (Port needs text identifiers and blueprints).
/// </summary>
internal static class MappingOutputReader
{
    internal static ObjectMappingResult Read(byte[] output, string mappingsPath)
    {
        using var document = JsonDocument.Parse(output);
        var root = document.RootElement;
        var entities = new List<MappedEntity>();
        foreach (var entity in root.GetProperty("entities").EnumerateArray())
        {
            if (Problem(entity) is { } problem)
            {
                return ObjectMappingResult.Failed($"{mappingsPath}.{problem}");
            }

            entities.Add(new MappedEntity(
                entity.GetProperty("blueprint").GetString()!,
                entity.GetProperty("identifier").GetString()!,
                Optional(entity, "title")?.GetString(),
                Optional(entity, "team")?.Clone(),
                Optional(entity, "icon")?.GetString(),
                entity.GetProperty("properties").Clone(),
                entity.GetProperty("relations").Clone()));
        }

        return new ObjectMappingResult(root.GetProperty("selected").GetBoolean(), entities, null);
    }

    private static string? Problem(JsonElement entity) =>
        RequiredText(entity, "identifier") ?? RequiredText(entity, "blueprint")
        ?? OptionalText(entity, "title") ?? OptionalText(entity, "icon") ?? Team(entity);

    private static string? RequiredText(JsonElement entity, string name)
    {
        var value = entity.GetProperty(name);
        return value.ValueKind switch
        {
            JsonValueKind.String when value.GetString() is { Length: > 0 } => null,
            JsonValueKind.String or JsonValueKind.Null => $"{name}: is empty",
            var kind => $"{name}: must yield text, not {Describe(kind)}",
        };
    }

    private static string? OptionalText(JsonElement entity, string name) =>
        Optional(entity, name) is { ValueKind: not JsonValueKind.String } value ? $"{name}: must yield text, not {Describe(value.ValueKind)}" : null;

    private static string? Team(JsonElement entity) => Optional(entity, "team") switch
    {
        null or { ValueKind: JsonValueKind.String } => null,
        { ValueKind: JsonValueKind.Array } list when list.EnumerateArray().All(t => t.ValueKind == JsonValueKind.String) => null,
        _ => "team: must yield text or a list of texts",
    };

    private static JsonElement? Optional(JsonElement entity, string name) =>
        entity.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    private static string Describe(JsonValueKind kind) => kind.ToString().ToLowerInvariant();
}
