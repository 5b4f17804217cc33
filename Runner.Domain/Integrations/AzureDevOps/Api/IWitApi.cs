using System.Text.Json.Serialization;
using Refit;

namespace Runner.Domain.Integrations.AzureDevOps.Api;

/// <summary>Work item tracking: WIQL (ids only, no paging, 20,000 cap) work items by id (at most 200 per call) and the area tree.</summary>
internal interface IWitApi
{
    [Post("/{projectId}/_apis/wit/wiql?api-version=7.1")]
    Task<HttpResponseMessage> QueryIds(string projectId, [Body] WiqlQuery query, [AliasAs("$top")] int top, bool? timePrecision, CancellationToken ct);

    [Get("/{projectId}/_apis/wit/classificationnodes/Areas?api-version=7.1")]
    Task<HttpResponseMessage> GetAreas(string projectId, [AliasAs("$depth")] int? depth, CancellationToken ct);

    [Get("/{projectId}/_apis/wit/workitems?api-version=7.1&errorPolicy=omit")]
    Task<HttpResponseMessage> ListWorkItems(string projectId, string ids, [AliasAs("$expand")] string? expand, CancellationToken ct);

    [Get("/{projectId}/_apis/wit/workitems/{id}?api-version=7.1")]
    Task<HttpResponseMessage> GetWorkItem(string projectId, long id, [AliasAs("$expand")] string? expand, CancellationToken ct);
}

internal sealed record WiqlQuery([property: JsonPropertyName("query")] string Query);
