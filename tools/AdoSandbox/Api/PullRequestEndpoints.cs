using Microsoft.AspNetCore.Mvc;
using Runner.Tools.AdoSandbox.Data;
using Runner.Tools.AdoSandbox.Http;

namespace Runner.Tools.AdoSandbox.Api;

/// <summary>
/// Pull requests by repository or project: $top/$skip only (no continuation token), newest first, filtered by
/// <c>searchCriteria.status</c> (default active), time range (created or closed) and target branch.
/// </summary>
internal static class PullRequestEndpoints
{
    public sealed record Criteria(string Status, DateTime? MinTime, DateTime? MaxTime, bool ByClosedTime, string? TargetRefName);

    public static void MapPullRequests(this IEndpointRouteBuilder org)
    {
        org.MapGet("/{project}/_apis/git/repositories/{repositoryId}/pullrequests", ListForRepository);
        org.MapGet("/{project}/_apis/git/pullrequests", ListForProject);
        org.MapGet("/_apis/git/pullrequests/{pullRequestId:long}", Get);
        org.MapGet("/{project}/_apis/git/pullrequests/{pullRequestId:long}", Get);
        org.MapGet("/{project}/_apis/git/repositories/{repositoryId}/pullrequests/{pullRequestId:long}", Get);
    }

    private static IResult ListForRepository(
        HttpContext context, Org org, string project, string repositoryId,
        [FromQuery(Name = "$top")] int? top, [FromQuery(Name = "$skip")] int? skip)
    {
        if (!RepoLookup.TryResolve(org, project, repositoryId, out var p, out var r, out var error))
        {
            return error;
        }
        var criteria = Parse(context.Request.Query);
        return Json.List(Paging.Skip(ForRepository(org, Urls.For(context, org), p, r, criteria), org.Options, skip, top));
    }

    private static IResult ListForProject(
        HttpContext context, Org org, string project, [FromQuery(Name = "$top")] int? top, [FromQuery(Name = "$skip")] int? skip)
    {
        if (!org.TryFindProject(project, out var p))
        {
            return AdoErrors.ProjectNotFound(project);
        }
        var criteria = Parse(context.Request.Query);
        var urls = Urls.For(context, org);
        var all = Enumerable.Range(0, org.Options.ReposPerProject).Reverse()
            .Where(r => org.RepoLive(p, r))
            .SelectMany(r => ForRepository(org, urls, p, r, criteria));
        return Json.List(Paging.Skip(all, org.Options, skip, top));
    }

    private static IEnumerable<object> ForRepository(Org org, Urls urls, int p, int r, Criteria criteria)
    {
        bool Selected(long id, string generatedStatus, DateTime created, DateTime? generatedClosed)
        {
            var status = PullRequestData.CurrentStatus(org, id, generatedStatus);
            if (!org.Live(EntityKind.PullRequest, id - 1) || (criteria.Status != "all" && criteria.Status != status))
            {
                return false;
            }

            var time = criteria.ByClosedTime ? PullRequestData.CurrentClosed(org, id, generatedStatus, generatedClosed) : created;
            return (criteria.MinTime is not { } min || time >= min) && (criteria.MaxTime is not { } max || time <= max)
                && (criteria.TargetRefName is not { } target || string.Equals(target, Org.BranchName(0), StringComparison.OrdinalIgnoreCase));
        }
        // Created through the control API: newest of all, so first.
        foreach (var pr in org.State.CreatedPullRequests().Where(pr => pr.Project == p && pr.Repo == r).Reverse())
        {
            if (Selected(pr.Id, "active", pr.At, null))
            {
                yield return PullRequestData.Created(org, urls, pr);
            }
        }
        var repoIndex = org.RepoIndex(p, r);
        for (var ordinal = org.Options.PullRequestsPerRepo - 1; ordinal >= 0; ordinal--)
        {
            var index = repoIndex * org.Options.PullRequestsPerRepo + ordinal;
            var status = PullRequestData.Status(ordinal);
            var (created, closed) = PullRequestData.Dates(org, index, status);
            if (Selected(index + 1, status, created, closed))
            {
                yield return PullRequestData.PullRequest(org, urls, p, r, ordinal);
            }
        }
    }

    /// <summary>One pull request by id, at org, project or repository level (what a live event re-fetches).</summary>
    private static IResult Get(HttpContext context, Org org, string? project, string? repositoryId, long pullRequestId)
    {
        var found = PullRequestData.Find(org, Urls.For(context, org), pullRequestId);
        var inScope = found is { } pr && (project is null || (org.TryFindProject(project, out var p) && p == pr.Project))
            && (repositoryId is null || (RepoLookup.TryResolve(org, project, repositoryId, out _, out var r, out _) && r == pr.Repo));
        return inScope
            ? Json.Ok(found!.Value.Body)
            : AdoErrors.Result(404, $"TF401180: The requested pull request was not found.", "GitPullRequestNotFoundException");
    }

    private static Criteria Parse(IQueryCollection query)
    {
        static DateTime? Time(string value) =>
            DateTimeOffset.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var at)
                ? at.UtcDateTime
                : null;
        var status = query["searchCriteria.status"].ToString();
        return new Criteria(
            string.IsNullOrEmpty(status) || status.Equals("notSet", StringComparison.OrdinalIgnoreCase) ? "active" : status.ToLowerInvariant(),
            Time(query["searchCriteria.minTime"].ToString()),
            Time(query["searchCriteria.maxTime"].ToString()),
            query["searchCriteria.queryTimeRangeType"].ToString().Equals("closed", StringComparison.OrdinalIgnoreCase),
            query["searchCriteria.targetRefName"].FirstOrDefault());
    }
}
