using Microsoft.AspNetCore.Mvc;
using Runner.Tools.AdoSandbox.Data;
using Runner.Tools.AdoSandbox.Http;

namespace Runner.Tools.AdoSandbox.Api;

/// <summary>
/// Policy configurations, the git variant (filter by repositoryId/refName) and the legacy project-wide one;
/// both page with $top + continuation token.
/// </summary>
internal static class PolicyEndpoints
{
    public static void MapPolicies(this IEndpointRouteBuilder org)
    {
        org.MapGet("/{project}/_apis/git/policy/configurations", List);
        org.MapGet("/{project}/_apis/policy/configurations", List);
    }

    private static IResult List(
        HttpContext context, Org org, string project, string? repositoryId, string? refName, Guid? policyType,
        [FromQuery(Name = "$top")] int? top, string? continuationToken)
    {
        if (!org.TryFindProject(project, out var p))
        {
            return AdoErrors.ProjectNotFound(project);
        }
        var perRepo = org.Options.PoliciesPerRepo;
        int firstRepo = 0, repoCount = org.Options.ReposPerProject;
        if (repositoryId is not null)
        {
            if (!RepoLookup.TryResolve(org, project, repositoryId, out _, out firstRepo, out var error))
            {
                return error;
            }
            repoCount = 1;
        }
        var urls = Urls.For(context, org);
        var onDefaultBranch = refName is null || string.Equals(refName, Org.BranchName(0), StringComparison.OrdinalIgnoreCase);
        var (items, next) = Paging.Continue(
            (long)repoCount * perRepo, continuationToken, Paging.Top(org.Options, top), TokenStyle.Integer,
            i =>
            {
                var r = firstRepo + (int)(i / perRepo);
                var policy = onDefaultBranch && org.RepoLive(p, r) ? PolicyData.Policy(org, urls, p, r, (int)(i % perRepo)) : null;
                return policy is not null && (policyType is null || PolicyData.TypeOf((int)(i % perRepo)) == policyType) ? policy : null;
            });
        return Paging.List(context, items, next);
    }
}
