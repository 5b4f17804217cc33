using Refit;

namespace Runner.Domain.Integrations.AzureDevOps.Api;

/// <summary>Work area, per team: boards (list, then one call per board for its columns), iterations and area paths (team field values). Unpaged.</summary>
internal interface IWorkApi
{
    [Get("/{projectId}/{teamId}/_apis/work/boards?api-version=7.1")]
    Task<HttpResponseMessage> ListBoards(string projectId, string teamId, CancellationToken ct);

    [Get("/{projectId}/{teamId}/_apis/work/boards/{boardId}?api-version=7.1")]
    Task<HttpResponseMessage> GetBoard(string projectId, string teamId, string boardId, CancellationToken ct);

    [Get("/{projectId}/{teamId}/_apis/work/teamsettings/teamfieldvalues?api-version=7.1")]
    Task<HttpResponseMessage> GetTeamFieldValues(string projectId, string teamId, CancellationToken ct);

    [Get("/{projectId}/{teamId}/_apis/work/teamsettings/iterations?api-version=7.1")]
    Task<HttpResponseMessage> ListIterations(string projectId, string teamId, CancellationToken ct);
}
