namespace Runner.Domain.Integrations.AzureDevOps;

/// <summary>The API areas Runner calls that may live on a host of their own.</summary>
public enum ResourceArea
{
    Core,
    Release,
    Graph,
    Entitlements,
    AdvancedSecurity,
}
