using System.Text.Json;

namespace Runner.Domain.Mapping;

/// <summary>
/// A tenant's mapping in Port's "port app config" format. Defaults follow Ocean's core models.
/// <see cref="Options"/> keeps top-level keys that belong to the integration (e.g. <c>useDefaultBranch</c>).
/// </summary>
public sealed record PortAppConfig(
    bool DeleteDependentEntities,
    bool CreateMissingRelatedEntities,
    bool EnableMergeEntity,
    double EntityDeletionThreshold,
    IReadOnlyList<ResourceConfig> Resources,
    IReadOnlyDictionary<string, JsonElement> Options)
{
    public const double DefaultEntityDeletionThreshold = 0.9;
}

/// <summary>
/// One entry of <c>resources[]</c>; a kind may appear several times, each mapped on its own.
/// <c>ItemsToParse</c> is jq yielding an array: one entity per element, exposed as <c>.item</c>.
/// </summary>
public sealed record ResourceConfig(string Kind, SelectorConfig Selector, EntityMappings Mappings, string? ItemsToParse);

/// <summary>
/// <see cref="Query"/> is jq that must yield a boolean. <see cref="Options"/> holds the kind-specific
/// settings the extractor reads (<c>wiql</c>, <c>includedFiles</c>, <c>defaultTeam</c>…) as given.
/// </summary>
public sealed record SelectorConfig(string Query, IReadOnlyDictionary<string, JsonElement> Options);

/// <summary><c>port.entity.mappings</c>: every string is a jq expression evaluated on the raw object.</summary>
public sealed record EntityMappings(
    string Identifier,
    string Blueprint,
    string? Title,
    string? Team,
    string? Icon,
    IReadOnlyDictionary<string, string> Properties,
    IReadOnlyDictionary<string, RelationMapping> Relations);

/// <summary>
/// A relation target: a jq expression, or a Port search query object (<c>{combinator, rules}</c>) kept as
/// JSON whose rules' <c>value</c> strings are jq expressions.
/// </summary>
public sealed record RelationMapping(string? Expression, JsonElement? SearchQuery)
{
    public static RelationMapping FromExpression(string expression) => new(expression, null);

    public static RelationMapping FromSearchQuery(JsonElement query) => new(null, query);
}
