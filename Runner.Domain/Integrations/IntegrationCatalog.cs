using Runner.Domain.Integrations.AzureDevOps;

namespace Runner.Domain.Integrations;

/// <summary>The integration types Runner can host.</summary>
public static class IntegrationCatalog
{
    public static IReadOnlyList<IntegrationDefinition> All { get; } = [AzureDevOpsIntegration.Definition];

    public static IntegrationDefinition? Find(string? type) => All.FirstOrDefault(i => i.Type == type);
}
