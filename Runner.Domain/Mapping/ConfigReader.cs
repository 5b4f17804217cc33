using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Runner.Domain.Mapping;

/// <summary>Typed reads from a JSON tree that record a path-named error instead of throwing.</summary>
internal sealed class ConfigReader
{
    private readonly List<MappingValidationError> errors = [];

    internal IReadOnlyList<MappingValidationError> Errors => errors;

    internal void Fail(string path, string reason) => errors.Add(new MappingValidationError(path, reason));

    internal JsonObject? Object(JsonNode? node, string path, bool required = true)
    {
        if (node is JsonObject obj)
        {
            return obj;
        }

        if (node is not null || required)
        {
            Fail(path, node is null ? "is required" : $"must be an object, not {Describe(node)}");
        }

        return null;
    }

    /// <summary>
    /// A jq expression. YAML turns unquoted <c>true</c> or <c>42</c> into non-strings; their JSON text is the
    /// same program, so they are accepted as written.
    /// </summary>
    internal string? Jq(JsonObject parent, string key, string path, bool required)
    {
        var node = parent[key];
        var text = node switch
        {
            null => null,
            JsonValue value when value.GetValueKind() is JsonValueKind.String => value.GetValue<string>(),
            JsonValue value when value.GetValueKind() is JsonValueKind.True or JsonValueKind.False or JsonValueKind.Number
                => value.ToJsonString(),
            _ => Invalid(path, $"must be a jq expression (text), not {Describe(node)}"),
        };
        if (node is null && required)
        {
            Fail(path, "is required");
        }
        else if (text is not null && string.IsNullOrWhiteSpace(text))
        {
            Fail(path, "must not be empty");
            return null;
        }

        return text;
    }

    internal string? Text(JsonObject parent, string key, string path)
    {
        if (parent[key] is JsonValue value && value.GetValueKind() is JsonValueKind.String && value.GetValue<string>() is { Length: > 0 } text)
        {
            return text;
        }

        return Invalid(path, parent[key] is null ? "is required" : "must be non-empty text");
    }

    internal bool Bool(JsonObject parent, string key, string path, bool fallback) => parent[key] switch
    {
        null => fallback,
        JsonValue value when value.GetValueKind() is JsonValueKind.True => true,
        JsonValue value when value.GetValueKind() is JsonValueKind.False => false,
        var other => Invalid(path, $"must be true or false, not {Describe(other)}") is null && fallback,
    };

    internal double Fraction(JsonObject parent, string key, string path, double fallback)
    {
        if (parent[key] is null)
        {
            return fallback;
        }

        if (parent[key] is JsonValue value && value.GetValueKind() is JsonValueKind.Number
            && double.Parse(value.ToJsonString(), CultureInfo.InvariantCulture) is >= 0 and <= 1 and var number)
        {
            return number;
        }

        Fail(path, "must be a number from 0 to 1");
        return fallback;
    }

    internal static JsonElement ToElement(JsonNode? node) => JsonSerializer.SerializeToElement(node);

    private string? Invalid(string path, string reason)
    {
        Fail(path, reason);
        return null;
    }

    private static string Describe(JsonNode node) => node.GetValueKind() switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "a list",
        JsonValueKind.String => "text",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        var kind => kind.ToString().ToLowerInvariant(),
    };
}
