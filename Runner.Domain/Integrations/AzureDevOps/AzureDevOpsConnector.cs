using System.Text.Json;
using Runner.Domain.Installations;
using Runner.Domain.Integrations.AzureDevOps.Fetching;
using Runner.Domain.Secrets;

namespace Runner.Domain.Integrations.AzureDevOps;

/// <summary>Opens an installation's Azure DevOps session from its own settings and its personal access token.</summary>
internal sealed class AzureDevOpsConnector(AzureDevOpsFetchSessionFactory sessions, SecretReader secrets) : IIntegrationConnector
{
    public string Type => AzureDevOpsIntegration.Type;

    public async Task<IIntegrationSource> OpenAsync(Installation installation, bool live, CancellationToken ct)
    {
        var token = installation.Secrets.Single(s => s.SettingName == AzureDevOpsIntegration.PersonalAccessTokenSetting);
        var pat = await secrets.RevealAsync(token.SecretId, ct);
        using var settings = JsonDocument.Parse(installation.SettingsJson);
        var excludedTags = settings.RootElement.TryGetProperty(AzureDevOpsIntegration.ExcludedTagsSetting, out var tags)
            ? tags.EnumerateArray().Select(t => t.GetString()!).ToList()
            : [];
        var organizationUrl = new Uri(settings.RootElement.GetProperty(AzureDevOpsIntegration.OrganizationUrlSetting).GetString()!);
        return sessions.Open(new AzureDevOpsConnection(organizationUrl, pat, installation.Id.ToString(), excludedTags), priority: live);
    }
}
