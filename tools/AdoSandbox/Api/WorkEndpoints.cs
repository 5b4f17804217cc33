using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Mvc;
using Runner.Tools.AdoSandbox.Data;
using Runner.Tools.AdoSandbox.Http;

namespace Runner.Tools.AdoSandbox.Api;

/// <summary>Work area, team scoped (the team segment is optional: the default team): boards, board columns, iterations. No paging.</summary>
internal static class WorkEndpoints
{
    public static void MapWork(this IEndpointRouteBuilder org)
    {
        foreach (var team in new[] { "/{project}", "/{project}/{team}" })
        {
            org.MapGet($"{team}/_apis/work/boards", ListBoards);
            org.MapGet($"{team}/_apis/work/boards/{{board}}", GetBoard);
            org.MapGet($"{team}/_apis/work/boards/{{board}}/columns", ListColumns);
            org.MapGet($"{team}/_apis/work/teamsettings/iterations", ListIterations);
        }
    }

    private static IResult ListBoards(HttpContext context, Org org, string project, string? team)
    {
        if (!TryTeam(org, project, team, out var p, out var t, out var error))
        {
            return error;
        }
        var urls = Urls.For(context, org);
        return Json.List(Enumerable.Range(0, org.Options.BoardsPerTeam)
            .Where(b => WorkData.BoardLive(org, p, t, b))
            .Select(b => WorkData.BoardReference(org, urls, p, t, b)).ToList());
    }

    private static IResult GetBoard(HttpContext context, Org org, string project, string? team, string board) =>
        TryBoard(org, project, team, board, out var p, out var t, out var b, out var error)
            ? Json.Ok(WorkData.Board(org, Urls.For(context, org), p, t, b))
            : error;

    private static IResult ListColumns(Org org, string project, string? team, string board) =>
        TryBoard(org, project, team, board, out var p, out var t, out var b, out var error)
            ? Json.List(WorkData.Columns(org, p, t, b))
            : error;

    private static IResult ListIterations(HttpContext context, Org org, string project, string? team, [FromQuery(Name = "$timeframe")] string? timeframe)
    {
        if (!TryTeam(org, project, team, out var p, out var t, out var error))
        {
            return error;
        }
        var currentOnly = string.Equals(timeframe, "current", StringComparison.OrdinalIgnoreCase);
        return Json.List(WorkData.Iterations(org, Urls.For(context, org), p, t, currentOnly).ToList());
    }

    private static bool TryTeam(Org org, string project, string? team, out int p, out int t, [NotNullWhen(false)] out IResult? error)
    {
        t = -1;
        error = !org.TryFindProject(project, out p) ? AdoErrors.ProjectNotFound(project)
            : !org.TryFindTeam(p, team ?? Org.TeamName(p, 0), out t) ? AdoErrors.TeamNotFound(team ?? Org.TeamName(p, 0))
            : null;
        return error is null;
    }

    /// <summary>A board is addressed by id or by name (e.g. "Stories").</summary>
    private static bool TryBoard(Org org, string project, string? team, string board, out int p, out int t, out int b, [NotNullWhen(false)] out IResult? error)
    {
        b = -1;
        if (!TryTeam(org, project, team, out p, out t, out error))
        {
            return false;
        }
        var teamIndex = org.TeamIndex(p, t);
        for (var candidate = 0; candidate < org.Options.BoardsPerTeam && b < 0; candidate++)
        {
            if (string.Equals(board, WorkData.BoardName(candidate), StringComparison.OrdinalIgnoreCase)
                || string.Equals(board, org.Id(EntityKind.Board, org.BoardIndex(teamIndex, candidate)).ToString(), StringComparison.OrdinalIgnoreCase))
            {
                b = candidate;
            }
        }
        error = WorkData.BoardLive(org, p, t, b) ? null : AdoErrors.NotFound($"Board '{board}'");
        return error is null;
    }
}
