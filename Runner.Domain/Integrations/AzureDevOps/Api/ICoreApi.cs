using Refit;

namespace Runner.Domain.Integrations.AzureDevOps.Api;

/// <summary>Core area: projects (continuation header), project properties (tags), teams and members ($top/$skip).</summary>
internal interface ICoreApi
{
    [Get("/_apis/projects?api-version=7.1&includeCapabilities=true")]
    Task<HttpResponseMessage> ListProjects([AliasAs("$top")] int top, string? continuationToken, CancellationToken ct);

    [Get("/_apis/projects/{projectId}?api-version=7.1&includeCapabilities=true")]
    Task<HttpResponseMessage> GetProject(string projectId, CancellationToken ct);

    [Get("/_apis/projects/{projectId}/properties?api-version=7.1-preview.1")]
    Task<HttpResponseMessage> GetProperties(string projectId, string keys, CancellationToken ct);

    [Get("/_apis/teams?api-version=7.1-preview.3")]
    Task<HttpResponseMessage> ListAllTeams([AliasAs("$top")] int top, [AliasAs("$skip")] int skip, CancellationToken ct);

    [Get("/_apis/projects/{projectId}/teams?api-version=7.1")]
    Task<HttpResponseMessage> ListTeams(string projectId, [AliasAs("$top")] int top, [AliasAs("$skip")] int skip, CancellationToken ct);

    [Get("/_apis/projects/{projectId}/teams/{teamId}/members?api-version=7.1")]
    Task<HttpResponseMessage> ListMembers(string projectId, string teamId, [AliasAs("$top")] int top, [AliasAs("$skip")] int skip, CancellationToken ct);
}
