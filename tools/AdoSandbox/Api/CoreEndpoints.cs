using Microsoft.AspNetCore.Mvc;
using Runner.Tools.AdoSandbox.Data;
using Runner.Tools.AdoSandbox.Http;

namespace Runner.Tools.AdoSandbox.Api;

/// <summary>Core area: projects (continuation token = integer count), project properties, teams and members ($top/$skip).</summary>
internal static class CoreEndpoints
{
    public static void MapCore(this IEndpointRouteBuilder org)
    {
        org.MapGet("/_apis/projects", ListProjects);
        org.MapGet("/_apis/projects/{projectId}", GetProject);
        org.MapGet("/_apis/projects/{projectId}/properties", GetProperties).RequirePreview();
        org.MapGet("/_apis/projects/{projectId}/teams", ListProjectTeams);
        org.MapGet("/_apis/teams", ListAllTeams).RequirePreview();
        org.MapGet("/_apis/projects/{projectId}/teams/{teamId}/members", ListMembers);
    }

    private static IResult ListProjects(
        HttpContext context, Org org, [FromQuery(Name = "$top")] int? top, [FromQuery(Name = "$skip")] int? skip,
        string? continuationToken, bool? includeCapabilities)
    {
        var urls = Urls.For(context, org);
        var start = continuationToken ?? Paging.IndexAfterSkipping(org.Options.Projects, skip, org.ProjectLive);
        var (items, next) = Paging.Continue(
            org.Options.Projects, start, Paging.Top(org.Options, top), TokenStyle.Integer,
            i => CoreData.Project(org, urls, (int)i, includeCapabilities == true));
        return Paging.List(context, items, next);
    }

    private static IResult GetProject(HttpContext context, Org org, string projectId) =>
        org.TryFindProject(projectId, out var p)
            ? Json.Ok(CoreData.Project(org, Urls.For(context, org), p, detailed: true)!)
            : AdoErrors.ProjectNotFound(projectId);

    /// <summary><c>keys</c> is a comma list where a trailing <c>*</c> matches a prefix, as Ocean's tag lookup uses.</summary>
    private static IResult GetProperties(Org org, string projectId, string? keys)
    {
        if (!org.TryFindProject(projectId, out var p))
        {
            return AdoErrors.ProjectNotFound(projectId);
        }
        var patterns = (keys ?? "*").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var matches = CoreData.Properties(org, p)
            .Where(property => patterns.Any(key => key.EndsWith('*')
                ? property.Name.StartsWith(key[..^1], StringComparison.OrdinalIgnoreCase)
                : string.Equals(property.Name, key, StringComparison.OrdinalIgnoreCase)))
            .Select(property => new { name = property.Name, value = property.Value })
            .ToList();
        return Json.List(matches);
    }

    private static IResult ListProjectTeams(
        HttpContext context, Org org, string projectId, [FromQuery(Name = "$top")] int? top, [FromQuery(Name = "$skip")] int? skip)
    {
        if (!org.TryFindProject(projectId, out var p))
        {
            return AdoErrors.ProjectNotFound(projectId);
        }
        return Json.List(Paging.Skip(CoreData.Teams(org, Urls.For(context, org), p), org.Options, skip, top));
    }

    private static IResult ListAllTeams(HttpContext context, Org org, [FromQuery(Name = "$top")] int? top, [FromQuery(Name = "$skip")] int? skip)
    {
        var urls = Urls.For(context, org);
        var teams = Enumerable.Range(0, org.Options.Projects).SelectMany(p => CoreData.Teams(org, urls, p));
        return Json.List(Paging.Skip(teams, org.Options, skip, top));
    }

    private static IResult ListMembers(
        HttpContext context, Org org, string projectId, string teamId, [FromQuery(Name = "$top")] int? top, [FromQuery(Name = "$skip")] int? skip)
    {
        if (!org.TryFindProject(projectId, out var p))
        {
            return AdoErrors.ProjectNotFound(projectId);
        }
        if (!org.TryFindTeam(p, teamId, out var t))
        {
            return AdoErrors.TeamNotFound(teamId);
        }
        return Json.List(Paging.Skip(CoreData.Members(org, Urls.For(context, org), p, t), org.Options, skip, top));
    }
}
