using System.Text;
using System.Text.Json;

namespace Runner.Domain.Mapping;

/// <summary>
/// Writes a resource's selector and every mapping field into one jq program, so a raw object is parsed
/// and evaluated once instead of once per field. Output:
/// <c>{"selected": bool, "entities": [{identifier, blueprint, title?, team?, icon?, properties, relations}]}</c>.
/// </summary>
internal static class ResourceProgramBuilder
{
    // Tenant programs must not read the host's environment (secrets) or write to its stderr; the native engine
    // already gives them an empty $ENV, and the prelude keeps the text as safe under the jq CLI and libjq.
    internal const string Sandbox = "def env: {}; def stderr: .; {} as $ENV |\n";

    // Each field takes its first output (null when none), as Ocean does, and names itself in errors.
    // The try sits inside [...] so it is exhausted before the next field runs: otherwise errors raised later
    // in the program would meet a try whose body already produced output (jq 1.6 catches them, 1.7.1 does not).
    private const string FieldFunction =
        "def __field($path; f): [try first(f) catch error(\"\\($path): \\(if type == \"string\" then . else tojson end)\")] | .[0];\n";

    internal static ResourceProgram Build(ResourceConfig resource, int index)
    {
        var fields = new List<MappingField>();
        var root = $"resources[{index}]";
        var program = new StringBuilder(Sandbox).Append(FieldFunction);

        var query = Field(fields, $"{root}.selector.query", resource.Selector.Query);
        program.Append("def __selected: ").Append(query)
            .Append($" | if type == \"boolean\" then . else error({Literal($"{root}.selector.query: must yield true or false, not ")} + type) end;\n");
        program.Append("def __entity: ").Append(EntityWriter.Write(resource.Mappings, $"{root}.port.entity.mappings", fields)).Append(";\n");

        if (resource.ItemsToParse is { } itemsToParse)
        {
            var path = $"{root}.port.itemsToParse";
            program.Append(". as $__raw | [").Append(Field(fields, path, itemsToParse))
                .Append($" | if type == \"array\" then .[] elif type == \"null\" then empty else error({Literal($"{path}: must yield a list, not ")} + type) end")
                .Append(" | $__raw + {item: .} | select(__selected) | __entity] | {selected: (length > 0), entities: .}");
        }
        else
        {
            program.Append("if __selected then {selected: true, entities: [__entity]} else {selected: false, entities: []} end");
        }

        return new ResourceProgram(program.ToString(), fields);
    }

    /// <summary>Registers a field and returns its call; the newline keeps a trailing <c>#</c> comment inside.</summary>
    internal static string Field(List<MappingField> fields, string path, string expression)
    {
        var normalized = PortJqText.Normalize(expression);
        fields.Add(new MappingField(path, normalized));
        return $"__field({Literal(path)}; ({normalized}\n))";
    }

    /// <summary>A JSON string literal is also a jq string literal, and escapes <c>\(</c> so nothing interpolates.</summary>
    internal static string Literal(string text) => JsonSerializer.Serialize(text);

    /// <summary>Compiles one field on its own, with the same wrapping as in the combined program.</summary>
    internal static string Standalone(MappingField field) => $"{Sandbox}{FieldFunction}__field({Literal(field.Path)}; ({field.Expression}\n))";
}
