using Refit;

namespace Runner.Domain.Integrations.AzureDevOps.Api;

/// <summary>Graph users (vssps host, preview only, continuation header, service-chosen page size).</summary>
internal interface IGraphApi
{
    [Get("/_apis/graph/users?api-version=7.1-preview.1")]
    Task<HttpResponseMessage> ListUsers(string? subjectTypes, string? continuationToken, CancellationToken ct);
}
