using Microsoft.AspNetCore.Mvc;
using Runner.Tools.AdoSandbox.Data;
using Runner.Tools.AdoSandbox.Http;

namespace Runner.Tools.AdoSandbox.Api;

/// <summary>
/// Git items: one item by <c>path</c> (raw content by default; JSON with <c>$format=json</c> or
/// <c>includeContent=true</c>), a listing by <c>scopePath</c>/<c>path</c> + <c>recursionLevel</c> (paged by $top +
/// continuation token when $top is sent), and POST itemsbatch. The branch comes from
/// <c>versionDescriptor.version</c> (or <c>version</c>) with type branch; default: the default branch.
/// </summary>
internal static class GitItemEndpoints
{
    public sealed record ItemDescriptor(string? Path, string? Version, string? VersionType, string? RecursionLevel);
    public sealed record BatchRequest(ItemDescriptor[]? ItemDescriptors, bool? IncludeContentMetadata);

    private sealed record Scope(Org Org, Urls Urls, int P, int R, string Branch, string CommitId);

    public static void MapGitItems(this IEndpointRouteBuilder org)
    {
        org.MapGet("/_apis/git/repositories/{repositoryId}/items", GetItems);
        org.MapGet("/{project}/_apis/git/repositories/{repositoryId}/items", GetItems);
        org.MapPost("/{project}/_apis/git/repositories/{repositoryId}/itemsbatch", Batch);
        org.MapPost("/_apis/git/repositories/{repositoryId}/itemsbatch", Batch);
    }

    private static IResult GetItems(HttpContext context, Org org, string? project, string repositoryId, string? path, string? scopePath,
        string? recursionLevel, bool? includeContent, bool? includeContentMetadata, [FromQuery(Name = "$format")] string? format,
        [FromQuery(Name = "$top")] int? top, string? continuationToken)
    {
        var query = context.Request.Query;
        var version = query["versionDescriptor.version"].FirstOrDefault() ?? query["version"].FirstOrDefault();
        var versionType = query["versionDescriptor.versionType"].FirstOrDefault() ?? query["versionType"].FirstOrDefault();
        if (!TryScope(context, org, project, repositoryId, version, versionType, out var scope, out var error))
        {
            return error;
        }

        var target = path ?? scopePath ?? "/";
        if (RepoTree.Find(scope.P, scope.R, scope.Branch, target) is not { } entry)
        {
            return NotFound(scope, target, 404);
        }

        var recursion = recursionLevel ?? "none";
        var listing = !string.Equals(recursion, "none", StringComparison.OrdinalIgnoreCase) || (entry.IsFolder && path is null);
        if (!listing)
        {
            if (!entry.IsFolder && includeContent != true && !string.Equals(format, "json", StringComparison.OrdinalIgnoreCase))
            {
                return Results.Text(RepoTree.Content(entry), ContentType(entry));
            }

            return Json.Ok(Item(scope, entry, includeContent == true, includeContentMetadata == true));
        }
        var entries = RepoTree.Under(scope.P, scope.R, scope.Branch, entry, recursion);
        if (top is null)
        {
            return Json.List(entries.Select(e => Item(scope, e, false, includeContentMetadata == true)).ToList());
        }

        var (items, next) = Paging.Continue(entries.Count, continuationToken, Paging.Top(org.Options, top), TokenStyle.Opaque,
            i => Item(scope, entries[(int)i], false, includeContentMetadata == true));
        return Paging.List(context, items, next);
    }

    /// <summary>One array of items per descriptor; a path that doesn't exist fails the whole batch with 400.</summary>
    private static IResult Batch(HttpContext context, Org org, string? project, string repositoryId, BatchRequest request)
    {
        var descriptors = request.ItemDescriptors ?? [];
        var results = new List<List<object>>();
        foreach (var descriptor in descriptors)
        {
            if (!TryScope(context, org, project, repositoryId, descriptor.Version, descriptor.VersionType, out var scope, out var error))
            {
                return error;
            }

            if (RepoTree.Find(scope.P, scope.R, scope.Branch, descriptor.Path ?? "/") is not { } entry)
            {
                return NotFound(scope, descriptor.Path ?? "/", 400);
            }

            results.Add([.. RepoTree.Under(scope.P, scope.R, scope.Branch, entry, descriptor.RecursionLevel ?? "none")
                .Select(e => Item(scope, e, false, request.IncludeContentMetadata == true))]);
        }
        return Json.List(results);
    }

    private static bool TryScope(HttpContext context, Org org, string? project, string repositoryId, string? version, string? versionType,
        out Scope scope, out IResult error)
    {
        scope = null!;
        if (!RepoLookup.TryResolve(org, project, repositoryId, out var p, out var r, out var lookupError))
        {
            error = lookupError;
            return false;
        }
        var byBranch = versionType is null || string.Equals(versionType, "branch", StringComparison.OrdinalIgnoreCase);
        var branchName = byBranch && !string.IsNullOrEmpty(version) ? version : Org.BranchName(0);
        if (org.Options.BranchesPerRepo == 0 || GitData.FindBranch(org, p, r, branchName) is not { } branch)
        {
            error = AdoErrors.Result(404, $"TF401175: The version descriptor <Branch: {version}> could not be resolved to a version commit.", "GitUnresolvableToCommitException");
            return false;
        }
        scope = new Scope(org, Urls.For(context, org), p, r, branch.Name, branch.ObjectId);
        error = null!;
        return true;
    }

    private static IResult NotFound(Scope scope, string path, int status) => AdoErrors.Result(status,
        $"TF401174: The item '{path}' could not be found in the repository '{Org.RepoName(scope.R)}' at the version specified by '<Branch: {scope.Branch[11..]} >'.",
        "GitItemNotFoundException");

    private static object Item(Scope scope, TreeEntry entry, bool withContent, bool withMetadata)
    {
        var org = scope.Org;
        var repo = org.RepoIndex(scope.P, scope.R);
        var extension = entry.IsFolder || !entry.Name.Contains('.', StringComparison.Ordinal) ? null : entry.Name[entry.Name.LastIndexOf('.')..];
        return new
        {
            // The object id changes with the branch head, as a blob id would after a push that touched it.
            objectId = Deterministic.Sha(StableHash(entry.Path + "@" + scope.CommitId), EntityKind.GitItem, repo),
            gitObjectType = entry.IsFolder ? "tree" : "blob",
            commitId = scope.CommitId,
            path = entry.Path,
            isFolder = entry.IsFolder ? true : (bool?)null,
            contentMetadata = withMetadata && !entry.IsFolder ? new { fileName = entry.Name, extension, contentType = ContentType(entry), encoding = 65001 } : null,
            url = $"{scope.Urls.Repo(org.Id(EntityKind.Project, scope.P), org.Id(EntityKind.Repository, repo))}/items?path={Uri.EscapeDataString(entry.Path)}&versionType=Branch&version={Uri.EscapeDataString(scope.Branch[11..])}",
            content = withContent && !entry.IsFolder ? RepoTree.Content(entry) : null,
        };
    }

    /// <summary>FNV-1a: string.GetHashCode is randomized per process, and ids must be stable across runs.</summary>
    private static int StableHash(string text)
    {
        var hash = 2166136261u;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return (int)(hash & 0x7FFF_FFFF);
    }

    private static string ContentType(TreeEntry entry) => entry.Name switch
    {
        var name when name.EndsWith(".json", StringComparison.OrdinalIgnoreCase) => "application/json",
        _ => "text/plain",
    };
}
