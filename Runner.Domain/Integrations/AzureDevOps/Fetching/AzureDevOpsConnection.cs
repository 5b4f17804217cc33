namespace Runner.Domain.Integrations.AzureDevOps.Fetching;

/// <summary>Which organization to read, as whom, for which installation.</summary>
public sealed record AzureDevOpsConnection(Uri OrganizationUrl, string PersonalAccessToken, string InstallationId, IReadOnlyList<string> ExcludedTags)
{
    // A record would print the PAT.
    public override string ToString() => $"AzureDevOpsConnection {{ OrganizationUrl = {OrganizationUrl}, InstallationId = {InstallationId} }}";
}
