using Microsoft.AspNetCore.Mvc;
using Runner.Tools.AdoSandbox.Data;
using Runner.Tools.AdoSandbox.Http;

namespace Runner.Tools.AdoSandbox.Api;

/// <summary>Area paths: the classification tree with <c>$depth</c> levels of children (no paging), and each team's area (teamfieldvalues).</summary>
internal static class ClassificationEndpoints
{
    public static void MapClassification(this IEndpointRouteBuilder org)
    {
        org.MapGet("/{project}/_apis/wit/classificationnodes/areas", GetAreas);
        org.MapGet("/{project}/_apis/work/teamsettings/teamfieldvalues", GetTeamFieldValues);
        org.MapGet("/{project}/{team}/_apis/work/teamsettings/teamfieldvalues", GetTeamFieldValues);
    }

    private static IResult GetAreas(HttpContext context, Org org, string project, [FromQuery(Name = "$depth")] int? depth) =>
        org.TryFindProject(project, out var p)
            ? Json.Ok(AreaPathData.Tree(org, Urls.For(context, org), p, Math.Max(0, depth ?? 0))!)
            : AdoErrors.ProjectNotFound(project);

    private static IResult GetTeamFieldValues(HttpContext context, Org org, string project, string? team)
    {
        if (!org.TryFindProject(project, out var p))
        {
            return AdoErrors.ProjectNotFound(project);
        }

        var name = team ?? Org.TeamName(p, 0);
        return org.TryFindTeam(p, name, out var t)
            ? Json.Ok(AreaPathData.TeamFieldValues(org, Urls.For(context, org), p, t))
            : AdoErrors.TeamNotFound(name);
    }
}
