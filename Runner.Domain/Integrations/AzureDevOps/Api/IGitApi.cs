using System.Text.Json.Serialization;
using Refit;

namespace Runner.Domain.Integrations.AzureDevOps.Api;

/// <summary>Git area: repositories (no paging), branches (continuation header), items (listing: continuation header), pull requests ($top/$skip only).</summary>
internal interface IGitApi
{
    [Get("/{projectId}/_apis/git/repositories?api-version=7.1")]
    Task<HttpResponseMessage> ListRepositories(string projectId, CancellationToken ct);

    [Get("/{projectId}/_apis/git/repositories/{repositoryId}?api-version=7.1")]
    Task<HttpResponseMessage> GetRepository(string projectId, string repositoryId, CancellationToken ct);

    /// <summary>Refs whose name starts with <paramref name="filter"/> (e.g. <c>heads/main</c>).</summary>
    [Get("/{projectId}/_apis/git/repositories/{repositoryId}/refs?api-version=7.1")]
    Task<HttpResponseMessage> FindRefs(string projectId, string repositoryId, string filter, CancellationToken ct);

    [Get("/_apis/git/pullrequests/{pullRequestId}?api-version=7.1")]
    Task<HttpResponseMessage> GetPullRequest(long pullRequestId, CancellationToken ct);

    [Get("/{projectId}/_apis/git/repositories/{repositoryId}/refs?api-version=7.1&filter=heads/")]
    Task<HttpResponseMessage> ListBranches(string projectId, string repositoryId, [AliasAs("$top")] int top, string? continuationToken, CancellationToken ct);

    [Get("/{projectId}/_apis/git/repositories/{repositoryId}/items?api-version=7.1&includeContent=true&$format=json&versionDescriptor.versionType=branch")]
    Task<HttpResponseMessage> GetFile(string projectId, string repositoryId, string path, [AliasAs("versionDescriptor.version")] string? branch, CancellationToken ct);

    /// <summary>A file's raw bytes (no JSON envelope), so its size can be checked before it is read.</summary>
    [Get("/{projectId}/_apis/git/repositories/{repositoryId}/items?api-version=7.1&versionDescriptor.versionType=branch")]
    Task<HttpResponseMessage> GetFileRaw(string projectId, string repositoryId, string path, [AliasAs("versionDescriptor.version")] string? branch, CancellationToken ct);

    [Get("/{projectId}/_apis/git/repositories/{repositoryId}/items?api-version=7.1&versionDescriptor.versionType=branch")]
    Task<HttpResponseMessage> ListItems(
        string projectId, string repositoryId, string scopePath, string recursionLevel, [AliasAs("versionDescriptor.version")] string? branch,
        [AliasAs("$top")] int top, string? continuationToken, CancellationToken ct);

    [Post("/{projectId}/_apis/git/repositories/{repositoryId}/itemsbatch?api-version=7.1")]
    Task<HttpResponseMessage> ItemsBatch(string projectId, string repositoryId, [Body] ItemsBatchRequest request, CancellationToken ct);

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

internal sealed record ItemsBatchRequest([property: JsonPropertyName("itemDescriptors")] IReadOnlyList<ItemDescriptor> ItemDescriptors);

internal sealed record ItemDescriptor(
    [property: JsonPropertyName("path")] string Path,
    [property: JsonPropertyName("recursionLevel")] string RecursionLevel,
    [property: JsonPropertyName("version")] string? Version,
    [property: JsonPropertyName("versionType")] string VersionType = "branch");
