using System.Text.Json.Serialization;
using Refit;

namespace Runner.Domain.Integrations.AzureDevOps.Api;

/// <summary>Wikis of a project (unpaged), their pages (POST pagesbatch, token in the body, next one in the header), one page.</summary>
internal interface IWikiApi
{
    [Get("/{projectId}/_apis/wiki/wikis?api-version=7.1")]
    Task<HttpResponseMessage> ListWikis(string projectId, CancellationToken ct);

    [Post("/{projectId}/_apis/wiki/wikis/{wikiId}/pagesbatch?api-version=7.1")]
    Task<HttpResponseMessage> ListPages(string projectId, string wikiId, [Body] PagesBatchRequest request, CancellationToken ct);

    [Get("/{projectId}/_apis/wiki/wikis/{wikiId}/pages/{pageId}?api-version=7.1&includeContent=true")]
    Task<HttpResponseMessage> GetPage(string projectId, string wikiId, long pageId, CancellationToken ct);
}

internal sealed record PagesBatchRequest(
    [property: JsonPropertyName("top")] int Top,
    [property: JsonPropertyName("continuationToken"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ContinuationToken);
