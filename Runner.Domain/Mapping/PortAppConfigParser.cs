using System.Text.Json;
using System.Text.Json.Nodes;
using Runner.Domain.Common;
using YamlDotNet.Core;

namespace Runner.Domain.Mapping;

/// <summary>
/// Reads a port app config (YAML or JSON) into <see cref="PortAppConfig"/>, reporting every problem with
/// its path. Checks shape only; <see cref="PortAppConfigCompiler"/> checks the jq.
/// </summary>
public static class PortAppConfigParser
{
    private static readonly HashSet<string> TopLevelKeys =
        ["deleteDependentEntities", "createMissingRelatedEntities", "enableMergeEntity", "entityDeletionThreshold", "resources"];

    private static readonly HashSet<string> SelectorKeys = ["query"];

    /// <exception cref="MappingValidationException">The text is not a valid mapping.</exception>
    public static PortAppConfig ParseYaml(string yaml)
    {
        ThrowIfTooLong(yaml);
        JsonNode? root;
        try
        {
            root = YamlToJson.Read(yaml);
        }
        catch (YamlException error)
        {
            throw Invalid("(document)", $"is not valid YAML at line {error.Start.Line}: {error.Message}");
        }

        return Parse(root);
    }

    /// <exception cref="MappingValidationException">The text is not a valid mapping.</exception>
    public static PortAppConfig ParseJson(string json)
    {
        ThrowIfTooLong(json);
        try
        {
            return Parse(JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { MaxDepth = InputLimits.MaxDepth }));
        }
        catch (JsonException error)
        {
            throw Invalid("(document)", $"is not valid JSON: {error.Message}");
        }
    }

    /// <exception cref="MappingValidationException">The tree is not a valid mapping.</exception>
    public static PortAppConfig Parse(JsonNode? root)
    {
        var reader = new ConfigReader();
        var config = Read(reader, root);
        return reader.Errors.Count == 0 && config is not null ? config : throw new MappingValidationException(reader.Errors);
    }

    private static PortAppConfig? Read(ConfigReader reader, JsonNode? root)
    {
        if (reader.Object(root, "(document)") is not { } top)
        {
            return null;
        }

        var resources = top["resources"] switch
        {
            null => [],
            JsonArray list => list.Select((node, i) => ReadResource(reader, node, $"resources[{i}]")).ToList(),
            _ => Fail<List<ResourceConfig?>>(reader, "resources", "must be a list"),
        };

        return new PortAppConfig(
            reader.Bool(top, "deleteDependentEntities", "deleteDependentEntities", fallback: true),
            reader.Bool(top, "createMissingRelatedEntities", "createMissingRelatedEntities", fallback: true),
            reader.Bool(top, "enableMergeEntity", "enableMergeEntity", fallback: true),
            reader.Fraction(top, "entityDeletionThreshold", "entityDeletionThreshold", PortAppConfig.DefaultEntityDeletionThreshold),
            [.. resources.OfType<ResourceConfig>()],
            OptionsExcept(top, TopLevelKeys));
    }

    private static ResourceConfig? ReadResource(ConfigReader reader, JsonNode? node, string path)
    {
        if (reader.Object(node, path) is not { } resource)
        {
            return null;
        }

        var kind = reader.Text(resource, "kind", $"{path}.kind");
        var selector = ReadSelector(reader, resource["selector"], $"{path}.selector");
        var port = reader.Object(resource["port"], $"{path}.port");
        var entity = port is null ? null : reader.Object(port["entity"], $"{path}.port.entity");
        var mappings = entity is null ? null : EntityMappingsParser.Read(reader, entity["mappings"], $"{path}.port.entity.mappings");
        var itemsToParse = port is null ? null : reader.Jq(port, "itemsToParse", $"{path}.port.itemsToParse", required: false);

        return kind is null || selector is null || mappings is null ? null : new ResourceConfig(kind, selector, mappings, itemsToParse);
    }

    private static SelectorConfig? ReadSelector(ConfigReader reader, JsonNode? node, string path)
    {
        if (reader.Object(node, path) is not { } selector)
        {
            return null;
        }

        var query = reader.Jq(selector, "query", $"{path}.query", required: true);
        return query is null ? null : new SelectorConfig(query, OptionsExcept(selector, SelectorKeys));
    }

    private static Dictionary<string, JsonElement> OptionsExcept(JsonObject obj, IReadOnlySet<string> known) =>
        obj.Where(p => !known.Contains(p.Key)).ToDictionary(p => p.Key, p => ConfigReader.ToElement(p.Value));

    private static T Fail<T>(ConfigReader reader, string path, string reason)
        where T : new()
    {
        reader.Fail(path, reason);
        return new T();
    }

    private static void ThrowIfTooLong(string text)
    {
        if (text.Length > InputLimits.MaxMappingCharacters)
        {
            throw Invalid("(document)", $"is longer than {InputLimits.MaxMappingCharacters} characters");
        }
    }

    private static MappingValidationException Invalid(string path, string reason) => new([new MappingValidationError(path, reason)]);
}
