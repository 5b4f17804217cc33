using Refit;

namespace Runner.Domain.Integrations.AzureDevOps.Api;

/// <summary>
/// Test area: runs ($top/$skip; or a <c>minLastUpdatedDate</c>/<c>maxLastUpdatedDate</c> window of at most 7 days,
/// $top + continuation header), a run's results ($top/$skip) and a build's code coverage.
/// </summary>
internal interface ITestApi
{
    [Get("/{projectId}/_apis/test/runs?api-version=7.1&includeRunDetails=true")]
    Task<HttpResponseMessage> ListRuns(string projectId, [AliasAs("$top")] int top, [AliasAs("$skip")] int skip, CancellationToken ct);

    [Get("/{projectId}/_apis/test/runs?api-version=7.1&includeRunDetails=true")]
    Task<HttpResponseMessage> ListRunsUpdated(
        string projectId, string minLastUpdatedDate, string maxLastUpdatedDate, [AliasAs("$top")] int top, string? continuationToken, CancellationToken ct);

    [Get("/{projectId}/_apis/test/runs/{runId}/results?api-version=7.1")]
    Task<HttpResponseMessage> ListResults(string projectId, long runId, [AliasAs("$top")] int top, [AliasAs("$skip")] int skip, CancellationToken ct);

    [Get("/{projectId}/_apis/test/codecoverage?api-version=7.1")]
    Task<HttpResponseMessage> GetCoverage(string projectId, long buildId, int? flags, CancellationToken ct);
}
