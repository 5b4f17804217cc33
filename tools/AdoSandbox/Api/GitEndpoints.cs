using Microsoft.AspNetCore.Mvc;
using Runner.Tools.AdoSandbox.Data;
using Runner.Tools.AdoSandbox.Http;

namespace Runner.Tools.AdoSandbox.Api;

/// <summary>Git area: repositories (no paging) and refs (continuation token); items are in <see cref="GitItemEndpoints"/>.</summary>
internal static class GitEndpoints
{
    private const int RefsTopLimit = 1000;

    public static void MapGit(this IEndpointRouteBuilder org)
    {
        org.MapGet("/_apis/git/repositories", ListAllRepositories);
        org.MapGet("/{project}/_apis/git/repositories", ListRepositories);
        org.MapGet("/_apis/git/repositories/{repositoryId}", GetRepository);
        org.MapGet("/{project}/_apis/git/repositories/{repositoryId}", GetRepository);
        org.MapGet("/{project}/_apis/git/repositories/{repositoryId}/refs", ListRefs);
    }

    private static IResult ListAllRepositories(HttpContext context, Org org)
    {
        var urls = Urls.For(context, org);
        return Json.List(Enumerable.Range(0, org.Options.Projects).SelectMany(p => GitData.Repositories(org, urls, p)).ToList());
    }

    private static IResult ListRepositories(HttpContext context, Org org, string project) =>
        org.TryFindProject(project, out var p)
            ? Json.List(GitData.Repositories(org, Urls.For(context, org), p).ToList())
            : AdoErrors.ProjectNotFound(project);

    private static IResult GetRepository(HttpContext context, Org org, string? project, string repositoryId) =>
        RepoLookup.TryResolve(org, project, repositoryId, out var p, out var r, out var error)
            ? Json.Ok(GitData.Repository(org, Urls.For(context, org), p, r)!)
            : error;

    /// <summary>Without $top or a token the service returns every ref; with a token, $top defaults to 100; never above 1000.</summary>
    private static IResult ListRefs(
        HttpContext context, Org org, string project, string repositoryId, string? filter,
        [FromQuery(Name = "$top")] int? top, string? continuationToken)
    {
        if (!RepoLookup.TryResolve(org, project, repositoryId, out var p, out var r, out var error))
        {
            return error;
        }
        var urls = Urls.For(context, org);
        var prefix = "refs/" + (filter ?? "");
        var pageSize = top is null && continuationToken is null
            ? int.MaxValue
            : Math.Min(Math.Min(top ?? 100, RefsTopLimit), org.Options.MaxPageSize);
        // Branches created by pushes come after the generated ones; positions never move, so tokens stay valid.
        var generated = org.Options.BranchesPerRepo;
        var pushed = org.State.PushedBranches(org.RepoIndex(p, r));
        var (items, next) = Paging.Continue(
            generated + pushed.Count, continuationToken, pageSize, TokenStyle.Opaque,
            b => b < generated
                ? Org.BranchName((int)b).StartsWith(prefix, StringComparison.Ordinal) ? GitData.Branch(org, urls, p, r, (int)b) : null
                : pushed[(int)(b - generated)].Name.StartsWith(prefix, StringComparison.Ordinal) ? GitData.Pushed(org, urls, p, r, pushed[(int)(b - generated)]) : null);
        return Paging.List(context, items, next);
    }
}
