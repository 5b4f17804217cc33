using Refit;

namespace Runner.Domain.Integrations.AzureDevOps.Api;

/// <summary>Build area: builds, newest first ($top + continuation header).</summary>
internal interface IBuildApi
{
    [Get("/{projectId}/_apis/build/builds?api-version=7.1&queryOrder=queueTimeDescending")]
    Task<HttpResponseMessage> ListBuilds(string projectId, [AliasAs("$top")] int top, string? continuationToken, CancellationToken ct);
}
