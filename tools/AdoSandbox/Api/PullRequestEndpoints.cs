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
        var repoIndex = org.RepoIndex(p, r);
        for (var ordinal = org.Options.PullRequestsPerRepo - 1; ordinal >= 0; ordinal--)
        {
            var index = repoIndex * org.Options.PullRequestsPerRepo + ordinal;
            var status = PullRequestData.Status(ordinal);
            if (!org.Live(EntityKind.PullRequest, index) || (criteria.Status != "all" && criteria.Status != status))
            {
                continue;
            }
            var (created, closed) = PullRequestData.Dates(org, index, status);
            var time = criteria.ByClosedTime ? closed : created;
            if ((criteria.MinTime is { } min && !(time >= min)) || (criteria.MaxTime is { } max && !(time <= max)))
            {
                continue;
            }
            if (criteria.TargetRefName is { } target && !string.Equals(target, Org.BranchName(0), StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }
            yield return PullRequestData.PullRequest(org, urls, p, r, ordinal);
        }
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
