using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Runner.Domain.Integrations;

/// <summary>An integration type tenants can install: what it syncs and the settings it needs.</summary>
public sealed record IntegrationDefinition(
    string Type,
    string Title,
    string Description,
    IReadOnlyList<string> InstallationMethods,
    IReadOnlyList<KindDefinition> Kinds,
    IReadOnlyList<SettingDefinition> Settings)
{
    /// <summary>The Port app config a new installation starts with.</summary>
    [JsonIgnore]
    public required string DefaultMapping { get; init; }

    /// <summary>The blueprints <see cref="DefaultMapping"/> writes to, in Port's format.</summary>
    [JsonIgnore]
    public required IReadOnlyList<JsonObject> DefaultBlueprints { get; init; }

    public SettingDefinition? FindSetting(string name) => Settings.FirstOrDefault(s => s.Name == name);

    public KindDefinition? FindKind(string kind) => Kinds.FirstOrDefault(k => k.Kind == kind);
}
