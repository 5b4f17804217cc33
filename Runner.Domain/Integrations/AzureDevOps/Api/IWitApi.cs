using System.Text.Json.Serialization;
using Refit;

namespace Runner.Domain.Integrations.AzureDevOps.Api;

/// <summary>Work item tracking: WIQL (ids only, no paging, 20,000 cap) and work items by id (at most 200 per call).</summary>
internal interface IWitApi
{
    [Post("/{projectId}/_apis/wit/wiql?api-version=7.1")]
    Task<HttpResponseMessage> QueryIds(string projectId, [Body] WiqlQuery query, [AliasAs("$top")] int top, CancellationToken ct);

    [Get("/{projectId}/_apis/wit/workitems?api-version=7.1&errorPolicy=omit")]
    Task<HttpResponseMessage> ListWorkItems(string projectId, string ids, [AliasAs("$expand")] string? expand, CancellationToken ct);
}

internal sealed record WiqlQuery([property: JsonPropertyName("query")] string Query);
