using System.Text.Json.Nodes;

namespace Runner.Domain.Integrations.AzureDevOps.Defaults;

/// <summary>
/// Runner's default mapping and blueprints for Azure DevOps, shipped inside the assembly so a new
/// installation can start from them without reading files at run time.
/// </summary>
public static class AzureDevOpsDefaults
{
    private static readonly Lazy<string> PortAppConfig = new(() => ReadResource("AzureDevOps.port-app-config.yaml"));

    private static readonly Lazy<IReadOnlyList<JsonObject>> BlueprintList = new(ReadBlueprints);

    /// <summary>The default port app config (YAML), one resource per Azure DevOps kind.</summary>
    public static string PortAppConfigYaml => PortAppConfig.Value;

    /// <summary>
    /// Port-format blueprint definitions for every blueprint the default mapping writes. Each call
    /// returns copies, so callers may change them without touching the shared defaults.
    /// </summary>
    public static IReadOnlyList<JsonObject> Blueprints => [.. BlueprintList.Value.Select(b => b.DeepClone().AsObject())];

    private static IReadOnlyList<JsonObject> ReadBlueprints() =>
        JsonNode.Parse(ReadResource("AzureDevOps.blueprints.json"))!.AsArray().Select(b => b!.AsObject()).ToList();

    private static string ReadResource(string name)
    {
        using var stream = typeof(AzureDevOpsDefaults).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The embedded resource {name} is missing from Runner.Domain.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
