using System.Text;
using System.Text.Json;

namespace Runner.Domain.Mapping;

/// <summary>Writes the jq object expression that builds one entity from <see cref="EntityMappings"/>.</summary>
internal static class EntityWriter
{
    internal static string Write(EntityMappings mappings, string path, List<MappingField> fields)
    {
        var entity = new StringBuilder("{");
        entity.Append("identifier: ").Append(ResourceProgramBuilder.Field(fields, $"{path}.identifier", mappings.Identifier));
        entity.Append(", blueprint: ").Append(ResourceProgramBuilder.Field(fields, $"{path}.blueprint", mappings.Blueprint));
        AppendOptional(entity, "title", mappings.Title, path, fields);
        AppendOptional(entity, "team", mappings.Team, path, fields);
        AppendOptional(entity, "icon", mappings.Icon, path, fields);

        entity.Append(", properties: {");
        entity.AppendJoin(", ", mappings.Properties.Select(p =>
            $"{ResourceProgramBuilder.Literal(p.Key)}: {ResourceProgramBuilder.Field(fields, $"{path}.properties.{p.Key}", p.Value)}"));
        entity.Append("}, relations: {");
        entity.AppendJoin(", ", mappings.Relations.Select(r =>
            $"{ResourceProgramBuilder.Literal(r.Key)}: {Relation(r.Value, $"{path}.relations.{r.Key}", fields)}"));
        return entity.Append("}}").ToString();
    }

    private static void AppendOptional(StringBuilder entity, string name, string? expression, string path, List<MappingField> fields)
    {
        if (expression is not null)
        {
            entity.Append($", {name}: ").Append(ResourceProgramBuilder.Field(fields, $"{path}.{name}", expression));
        }
    }

    private static string Relation(RelationMapping relation, string path, List<MappingField> fields) =>
        relation.Expression is { } expression
            ? ResourceProgramBuilder.Field(fields, path, expression)
            : SearchQuery(relation.SearchQuery!.Value, path, fields);

    // A Port search query stays as written, except each rule's "value", which is jq on the raw object.
    private static string SearchQuery(JsonElement query, string path, List<MappingField> fields)
    {
        var members = query.EnumerateObject().Select(member =>
        {
            var value = member.Name == "rules" && member.Value.ValueKind == JsonValueKind.Array
                ? "[" + string.Join(", ", member.Value.EnumerateArray().Select((rule, i) => Rule(rule, $"{path}.rules[{i}]", fields))) + "]"
                : member.Value.GetRawText();
            return $"{ResourceProgramBuilder.Literal(member.Name)}: {value}";
        });
        return "{" + string.Join(", ", members) + "}";
    }

    private static string Rule(JsonElement rule, string path, List<MappingField> fields)
    {
        if (rule.ValueKind != JsonValueKind.Object || rule.TryGetProperty("combinator", out _))
        {
            return rule.ValueKind == JsonValueKind.Object ? SearchQuery(rule, path, fields) : rule.GetRawText();
        }

        var members = rule.EnumerateObject().Select(member =>
        {
            var value = member.Name == "value" && member.Value.ValueKind == JsonValueKind.String
                ? ResourceProgramBuilder.Field(fields, $"{path}.value", member.Value.GetString()!)
                : member.Value.GetRawText();
            return $"{ResourceProgramBuilder.Literal(member.Name)}: {value}";
        });
        return "{" + string.Join(", ", members) + "}";
    }
}
