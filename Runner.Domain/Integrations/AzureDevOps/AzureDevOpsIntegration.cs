using Runner.Domain.LiveEvents;
using Runner.Domain.Integrations.AzureDevOps.Defaults;
using Runner.Domain.Integrations.AzureDevOps.Kinds;

namespace Runner.Domain.Integrations.AzureDevOps;

public static class AzureDevOpsIntegration
{
    public const string Type = "azure-devops";

    public const string OrganizationUrlSetting = "organizationUrl";
    public const string PersonalAccessTokenSetting = "personalAccessToken";
    public const string ExcludedTagsSetting = "excludedTags";

    /// <summary>Every kind a fetcher exists for.</summary>
    public static IReadOnlyList<string> Kinds { get; } = [.. AzureDevOpsKinds.All.Select(k => k.Name)];

    public static IntegrationDefinition Definition { get; } = new(
        Type,
        "Azure DevOps",
        "Projects, teams, users and groups, repositories, files, pull requests, pipelines, builds, releases, deployments, test runs, work items, boards, wikis and Advanced Security alerts from an Azure DevOps organization.",
        InstallationMethods: ["hosted"],
        [.. AzureDevOpsKinds.All.Select(k => new KindDefinition(k.Name, k.Incremental, AzureDevOpsEvents.LiveKinds.Contains(k.Name), k.Options))],
        Settings:
        [
            new(OrganizationUrlSetting, "Organization URL", SettingType.Url, Required: true, Sensitive: false, Default: null,
                Description: "The URL of your Azure DevOps organization, e.g. https://dev.azure.com/contoso, https://contoso.visualstudio.com, or an Azure DevOps Server collection URL.")
            {
                Rule = OrganizationUrlRule.Check,
            },
            new(PersonalAccessTokenSetting, "Personal access token", SettingType.String, Required: true, Sensitive: true, Default: null,
                Description: "A personal access token with read access to the resources to sync (Code, Build, Release, Work Items, Project and Team, Graph, Member Entitlement Management). Stored as a Port secret, never in the installation."),
            new(ExcludedTagsSetting, "Excluded tags", SettingType.StringArray, Required: false, Sensitive: false, Default: null,
                Description: "Project tags: projects carrying any of them, and everything in those projects, are left out of the sync."),
        ])
    {
        DefaultMapping = AzureDevOpsDefaults.PortAppConfigYaml,
        DefaultBlueprints = AzureDevOpsDefaults.Blueprints,
    };
}
