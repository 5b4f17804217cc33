using Runner.Domain.Jq;

namespace Runner.Domain.Mapping;

/// <summary>
/// Turns the combined program's output into entities, rejecting the object when an entity is unusable
/// (Port needs text identifiers and blueprints). Reads the engine's values in place: no JSON text in between.
/// </summary>
internal static class MappingOutputReader
{
    // One writer per thread, reused: its buffer grows to the largest entity and stays.
    [ThreadStatic]
    private static JqJsonWriter? Json;

    internal static ObjectMappingResult Read(JqValue output, string mappingsPath)
    {
        var list = output.Field("entities");
        var entities = new List<MappedEntity>(list.Count);
        for (var i = 0; i < list.Count; i++)
        {
            var entity = list.Index(i);
            if (Problem(entity) is { } problem)
            {
                return ObjectMappingResult.Failed($"{mappingsPath}.{problem}");
            }

            // The JSON columns are written here, into one array per entity, so the raw object's document can go.
            var json = Json ??= new JqJsonWriter(new JqJsonFormat(Indent: 0, SortKeys: false));
            json.Clear();
            json.Write(entity.Field("properties"));
            var properties = json.Length;
            json.Write(entity.Field("relations"));
            var relations = json.Length;
            var team = Optional(entity, "team");
            if (team is { } t)
            {
                json.Write(t);
            }

            var bytes = json.Written.ToArray();
            entities.Add(new MappedEntity(
                entity.Field("blueprint").AsString(),
                entity.Field("identifier").AsString(),
                Optional(entity, "title")?.AsString(),
                team is null ? null : new EntityJson(bytes.AsMemory(relations)),
                Optional(entity, "icon")?.AsString(),
                new EntityJson(bytes.AsMemory(0, properties)),
                new EntityJson(bytes.AsMemory(properties, relations - properties))));
        }

        return new ObjectMappingResult(output.Field("selected").Kind == JqKind.True, entities, null);
    }

    private static string? Problem(JqValue entity) =>
        RequiredText(entity, "identifier") ?? RequiredText(entity, "blueprint")
        ?? OptionalText(entity, "title") ?? OptionalText(entity, "icon") ?? Team(entity);

    private static string? RequiredText(JqValue entity, string name)
    {
        var value = entity.Field(name);
        return value.Kind switch
        {
            JqKind.String when value.AsString().Length > 0 => null,
            JqKind.String or JqKind.Null => $"{name}: is empty",
            var kind => $"{name}: must yield text, not {Describe(kind)}",
        };
    }

    private static string? OptionalText(JqValue entity, string name) =>
        Optional(entity, name) is { Kind: not JqKind.String } value ? $"{name}: must yield text, not {Describe(value.Kind)}" : null;

    private static string? Team(JqValue entity)
    {
        if (Optional(entity, "team") is not { } team || team.Kind == JqKind.String)
        {
            return null;
        }
        if (team.Kind == JqKind.Array)
        {
            var all = true;
            for (var i = 0; i < team.Count && all; i++)
            {
                all = team.Index(i).Kind == JqKind.String;
            }
            if (all)
            {
                return null;
            }
        }
        return "team: must yield text or a list of texts";
    }

    private static JqValue? Optional(JqValue entity, string name) =>
        entity.Field(name) is { Kind: not JqKind.Null } value ? value : null;

    // jq's own type names, as `type` gives them.
    private static string Describe(JqKind kind) => kind switch
    {
        JqKind.True or JqKind.False => "boolean",
        _ => kind.ToString().ToLowerInvariant(),
    };
}
