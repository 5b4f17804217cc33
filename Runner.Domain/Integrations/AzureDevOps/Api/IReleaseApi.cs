using Refit;

namespace Runner.Domain.Integrations.AzureDevOps.Api;

/// <summary>Release area (vsrm host): definitions, releases and deployments, all $top + continuation header.</summary>
internal interface IReleaseApi
{
    [Get("/{projectId}/_apis/release/definitions?api-version=7.1")]
    Task<HttpResponseMessage> ListDefinitions(
        string projectId, [AliasAs("$top")] int top, string? continuationToken, [AliasAs("$expand")] string? expand, string? tagFilter,
        CancellationToken ct);

    [Get("/{projectId}/_apis/release/releases/{releaseId}?api-version=7.1")]
    Task<HttpResponseMessage> GetRelease(string projectId, long releaseId, CancellationToken ct);

    [Get("/{projectId}/_apis/release/releases?api-version=7.1")]
    Task<HttpResponseMessage> ListReleases(
        string projectId, [AliasAs("$top")] int top, string? continuationToken, [Query] ReleaseFilter filter, CancellationToken ct);

    [Get("/{projectId}/_apis/release/deployments?api-version=7.1")]
    Task<HttpResponseMessage> ListDeployments(string projectId, [AliasAs("$top")] int top, string? continuationToken, string? minModifiedTime, CancellationToken ct);
}

/// <summary>Release selector options passed through as query parameters; null ones are left out.</summary>
internal sealed record ReleaseFilter
{
    [AliasAs("$expand")]
    public string? Expand { get; init; }
    public string? StatusFilter { get; init; }
    public string? TagFilter { get; init; }
    public string? SourceBranchFilter { get; init; }
    public string? MinCreatedTime { get; init; }
    public string? MaxCreatedTime { get; init; }
}
