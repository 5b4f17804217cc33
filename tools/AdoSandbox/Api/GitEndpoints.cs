using Microsoft.AspNetCore.Mvc;
using Runner.Tools.AdoSandbox.Data;
using Runner.Tools.AdoSandbox.Http;

namespace Runner.Tools.AdoSandbox.Api;

/// <summary>Git area: repositories (no paging), refs (continuation token), file items.</summary>
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
        org.MapGet("/_apis/git/repositories/{repositoryId}/items", GetItem);
        org.MapGet("/{project}/_apis/git/repositories/{repositoryId}/items", GetItem);
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
        var (items, next) = Paging.Continue(
            org.Options.BranchesPerRepo, continuationToken, pageSize, TokenStyle.Opaque,
            b => Org.BranchName((int)b).StartsWith(prefix, StringComparison.Ordinal) ? GitData.Branch(org, urls, p, r, (int)b) : null);
        return Paging.List(context, items, next);
    }

    /// <summary>Raw content by default; JSON metadata with <c>$format=json</c> or <c>includeContent=true</c>.</summary>
    private static IResult GetItem(
        HttpContext context, Org org, string? project, string repositoryId, string path,
        bool? includeContent, [FromQuery(Name = "$format")] string? format)
    {
        if (!RepoLookup.TryResolve(org, project, repositoryId, out var p, out var r, out var error))
        {
            return error;
        }
        if (GitData.FileContent(p, r, path) is not { } content)
        {
            return AdoErrors.Result(404,
                $"TF401174: The item '{path}' could not be found in the repository '{Org.RepoName(r)}' at the version specified by '<Branch: main >'.",
                "GitItemNotFoundException");
        }
        if (includeContent != true && !string.Equals(format, "json", StringComparison.OrdinalIgnoreCase))
        {
            return Results.Text(content, "text/plain");
        }
        var repoIndex = org.RepoIndex(p, r);
        return Json.Ok(new
        {
            objectId = Deterministic.Sha(org.Seed + path.Length, EntityKind.Commit, repoIndex),
            gitObjectType = "blob",
            commitId = Deterministic.Sha(org.Seed, EntityKind.Commit, repoIndex),
            path,
            url = $"{Urls.For(context, org).Repo(org.Id(EntityKind.Project, p), org.Id(EntityKind.Repository, repoIndex))}/items?path={Uri.EscapeDataString(path)}",
            content = includeContent == true ? content : null,
        });
    }
}
