using Refit;

namespace Runner.Domain.Integrations.AzureDevOps.Api;

/// <summary>Build area: builds, newest first ($top + continuation header), a build's timeline and changes, a definition.</summary>
internal interface IBuildApi
{
    [Get("/{projectId}/_apis/build/builds?api-version=7.1")]
    Task<HttpResponseMessage> ListBuilds(
        string projectId, [AliasAs("$top")] int top, string? continuationToken, string queryOrder, string? minTime, CancellationToken ct);

    [Get("/{projectId}/_apis/build/builds/{buildId}/timeline?api-version=7.1")]
    Task<HttpResponseMessage> GetTimeline(string projectId, long buildId, CancellationToken ct);

    [Get("/{projectId}/_apis/build/builds/{buildId}/changes?api-version=7.1")]
    Task<HttpResponseMessage> ListChanges(string projectId, long buildId, [AliasAs("$top")] int top, string? continuationToken, CancellationToken ct);

    [Get("/{projectId}/_apis/build/definitions/{definitionId}?api-version=7.1")]
    Task<HttpResponseMessage> GetDefinition(string projectId, long definitionId, CancellationToken ct);

    [Get("/{projectId}/_apis/build/builds/{buildId}?api-version=7.1")]
    Task<HttpResponseMessage> GetBuild(string projectId, long buildId, CancellationToken ct);
}
