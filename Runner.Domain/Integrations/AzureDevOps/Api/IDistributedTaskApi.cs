using Refit;

namespace Runner.Domain.Integrations.AzureDevOps.Api;

/// <summary>Distributed task area: environments and their deployment records, both $top + continuation header.</summary>
internal interface IDistributedTaskApi
{
    [Get("/{projectId}/_apis/distributedtask/environments?api-version=7.1")]
    Task<HttpResponseMessage> ListEnvironments(string projectId, [AliasAs("$top")] int top, string? continuationToken, CancellationToken ct);

    [Get("/{projectId}/_apis/distributedtask/environments/{environmentId}/environmentdeploymentrecords?api-version=7.1")]
    Task<HttpResponseMessage> ListDeploymentRecords(
        string projectId, long environmentId, [AliasAs("top")] int top, string? continuationToken, CancellationToken ct);
}
