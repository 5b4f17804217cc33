using System.Text.Json.Nodes;

namespace Runner.Domain.Mapping;

/// <summary>
/// Reads <c>port.entity.mappings</c>. Unknown keys are ignored, as Ocean's models ignore them (Port's own
/// examples carry some, e.g. <c>url</c>).
/// </summary>
internal static class EntityMappingsParser
{
    internal static EntityMappings? Read(ConfigReader reader, JsonNode? node, string path)
    {
        if (reader.Object(node, path) is not { } mappings)
        {
            return null;
        }

        if (mappings["identifier"] is JsonObject)
        {
            reader.Fail($"{path}.identifier", "search-query identifiers are not supported; use a jq expression");
            return null;
        }

        var identifier = reader.Jq(mappings, "identifier", $"{path}.identifier", required: true);
        var blueprint = reader.Jq(mappings, "blueprint", $"{path}.blueprint", required: true);
        var title = reader.Jq(mappings, "title", $"{path}.title", required: false);
        var team = reader.Jq(mappings, "team", $"{path}.team", required: false);
        var icon = reader.Jq(mappings, "icon", $"{path}.icon", required: false);
        var properties = ReadProperties(reader, mappings["properties"], $"{path}.properties");
        var relations = ReadRelations(reader, mappings["relations"], $"{path}.relations");

        return identifier is null || blueprint is null || properties is null || relations is null
            ? null
            : new EntityMappings(identifier, blueprint, title, team, icon, properties, relations);
    }

    private static Dictionary<string, string>? ReadProperties(ConfigReader reader, JsonNode? node, string path)
    {
        if (reader.Object(node, path, required: false) is not { } properties)
        {
            return node is null ? [] : null;
        }

        var result = new Dictionary<string, string>();
        foreach (var (name, _) in properties)
        {
            if (reader.Jq(properties, name, $"{path}.{name}", required: true) is { } expression)
            {
                result[name] = expression;
            }
        }

        return result.Count == properties.Count ? result : null;
    }

    private static Dictionary<string, RelationMapping>? ReadRelations(ConfigReader reader, JsonNode? node, string path)
    {
        if (reader.Object(node, path, required: false) is not { } relations)
        {
            return node is null ? [] : null;
        }

        var result = new Dictionary<string, RelationMapping>();
        foreach (var (name, value) in relations)
        {
            if (value is JsonObject query)
            {
                result[name] = RelationMapping.FromSearchQuery(ConfigReader.ToElement(query));
            }
            else if (reader.Jq(relations, name, $"{path}.{name}", required: true) is { } expression)
            {
                result[name] = RelationMapping.FromExpression(expression);
            }
        }

        return result.Count == relations.Count ? result : null;
    }
}
