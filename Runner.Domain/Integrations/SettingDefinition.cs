using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Runner.Domain.Integrations;

/// <summary>Setting value types the wizard knows how to render.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<SettingType>))]
public enum SettingType
{
    [JsonStringEnumMemberName("string")] String,
    [JsonStringEnumMemberName("url")] Url,
    [JsonStringEnumMemberName("array")] StringArray,
    [JsonStringEnumMemberName("integer")] Integer,
    [JsonStringEnumMemberName("boolean")] Boolean,
}

/// <summary>
/// One setting of the wizard's form. <see cref="Description"/> is the text the UI shows on hover.
/// A sensitive setting is never stored in the installation: it references a Port secret.
/// </summary>
public sealed record SettingDefinition(
    string Name,
    string Title,
    SettingType Type,
    bool Required,
    bool Sensitive,
    JsonNode? Default,
    string Description)
{
    public IReadOnlyList<JsonNode>? AllowedValues { get; init; }

    /// <summary>An extra rule for the value (after its type was checked): returns the reason it is invalid, or null.</summary>
    [JsonIgnore]
    public Func<JsonElement, SettingRuleContext, string?>? Rule { get; init; }
}

/// <summary>What setting rules may depend on besides the value itself.</summary>
public sealed record SettingRuleContext(bool AllowPrivateNetworks);
