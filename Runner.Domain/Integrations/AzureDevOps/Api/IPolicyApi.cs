using Refit;

namespace Runner.Domain.Integrations.AzureDevOps.Api;

/// <summary>Policy area, git variant: configurations of one repository and branch ($top + continuation header).</summary>
internal interface IPolicyApi
{
    [Get("/{projectId}/_apis/git/policy/configurations?api-version=7.1")]
    Task<HttpResponseMessage> ListRepositoryPolicies(
        string projectId, string repositoryId, string? refName, [AliasAs("$top")] int top, string? continuationToken, CancellationToken ct);
}
