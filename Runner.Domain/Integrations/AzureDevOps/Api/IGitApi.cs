using Refit;

namespace Runner.Domain.Integrations.AzureDevOps.Api;

/// <summary>Git area: repositories (no paging), branches (continuation header), file items, pull requests ($top/$skip only).</summary>
internal interface IGitApi
{
    [Get("/{projectId}/_apis/git/repositories?api-version=7.1")]
    Task<HttpResponseMessage> ListRepositories(string projectId, CancellationToken ct);

    [Get("/{projectId}/_apis/git/repositories/{repositoryId}/refs?api-version=7.1&filter=heads/")]
    Task<HttpResponseMessage> ListBranches(string projectId, string repositoryId, [AliasAs("$top")] int top, string? continuationToken, CancellationToken ct);

    [Get("/{projectId}/_apis/git/repositories/{repositoryId}/items?api-version=7.1&includeContent=true&$format=json&versionDescriptor.versionType=branch")]
    Task<HttpResponseMessage> GetFile(string projectId, string repositoryId, string path, [AliasAs("versionDescriptor.version")] string? branch, CancellationToken ct);

    [Get("/{projectId}/_apis/git/repositories/{repositoryId}/pullrequests?api-version=7.1")]
    Task<HttpResponseMessage> ListPullRequests(
        string projectId,
        string repositoryId,
        [AliasAs("searchCriteria.status")] string status,
        [AliasAs("searchCriteria.queryTimeRangeType")] string? timeRangeType,
        [AliasAs("searchCriteria.minTime")] string? minTime,
        [AliasAs("$top")] int top,
        [AliasAs("$skip")] int skip,
        CancellationToken ct);
}
