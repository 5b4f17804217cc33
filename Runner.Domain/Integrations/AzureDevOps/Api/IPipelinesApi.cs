using Refit;

namespace Runner.Domain.Integrations.AzureDevOps.Api;

/// <summary>Pipelines area: pipelines ($top + continuation header) and their runs (unpaged: the service returns the newest 10,000).</summary>
internal interface IPipelinesApi
{
    [Get("/{projectId}/_apis/pipelines?api-version=7.1")]
    Task<HttpResponseMessage> ListPipelines(string projectId, [AliasAs("$top")] int top, string? continuationToken, CancellationToken ct);

    [Get("/{projectId}/_apis/pipelines/{pipelineId}/runs?api-version=7.1")]
    Task<HttpResponseMessage> ListRuns(string projectId, long pipelineId, CancellationToken ct);

    [Get("/{projectId}/_apis/pipelines/{pipelineId}?api-version=7.1")]
    Task<HttpResponseMessage> GetPipeline(string projectId, long pipelineId, CancellationToken ct);

    [Get("/{projectId}/_apis/pipelines/{pipelineId}/runs/{runId}?api-version=7.1")]
    Task<HttpResponseMessage> GetRun(string projectId, long pipelineId, long runId, CancellationToken ct);
}
