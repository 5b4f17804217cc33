using Microsoft.AspNetCore.Mvc;
using Runner.Tools.AdoSandbox.Data;
using Runner.Tools.AdoSandbox.Http;

namespace Runner.Tools.AdoSandbox.Api;

/// <summary>
/// Release deployments (vsrm): newest first unless <c>queryOrder=ascending</c>, $top (default 50) + integer
/// continuation token; filters <c>definitionId</c>, <c>definitionEnvironmentId</c>, <c>deploymentStatus</c>,
/// <c>minModifiedTime</c>/<c>maxModifiedTime</c> (the incremental window) and <c>releaseId</c>.
/// </summary>
internal static class ReleaseDeploymentEndpoints
{
    private const int DefaultTop = 50;

    public static void MapReleaseDeployments(this IEndpointRouteBuilder org) =>
        org.MapGet("/{project}/_apis/release/deployments", List).InArea(ApiArea.Release);

    private static IResult List(
        HttpContext context, Org org, string project, [FromQuery(Name = "$top")] int? top, string? continuationToken,
        int? definitionId, int? definitionEnvironmentId, string? deploymentStatus, string? queryOrder, long? releaseId,
        DateTime? minModifiedTime, DateTime? maxModifiedTime)
    {
        if (!org.TryFindProject(project, out var p))
        {
            return AdoErrors.ProjectNotFound(project);
        }

        var urls = Urls.For(context, org);
        var perRelease = org.Options.DeploymentsPerRelease;
        var releases = (long)org.Options.ReleaseDefinitionsPerProject * org.Options.ReleasesPerDefinition;
        var count = releases * perRelease;
        var ascending = string.Equals(queryOrder, "ascending", StringComparison.OrdinalIgnoreCase);
        var status = string.IsNullOrEmpty(deploymentStatus) || deploymentStatus.Equals("all", StringComparison.OrdinalIgnoreCase) ? null : deploymentStatus;
        var min = minModifiedTime?.ToUniversalTime();
        var max = maxModifiedTime?.ToUniversalTime();
        var (items, next) = Paging.Continue(
            count, continuationToken, Paging.Top(org.Options, top ?? DefaultTop), TokenStyle.Integer,
            i =>
            {
                var n = ascending ? i : count - 1 - i;
                var local = n / perRelease;
                var s = (int)(n % perRelease);
                var d = (int)(local / org.Options.ReleasesPerDefinition);
                var index = ReleaseDeploymentData.Index(org, p, local, s);
                var modified = ReleaseDeploymentData.Modified(org, ReleaseData.Index(org, p, local), index, s);
                var selected = (definitionId is null || definitionId == d + 1)
                    && (definitionEnvironmentId is null || definitionEnvironmentId == s + 1)
                    && (releaseId is null || releaseId == local + 1)
                    && (status is null || string.Equals(status, ReleaseDeploymentData.Status(org, index), StringComparison.OrdinalIgnoreCase))
                    && (min is null || modified >= min) && (max is null || modified <= max);
                return selected ? ReleaseDeploymentData.Deployment(org, urls, p, local, s) : null;
            });
        return Paging.List(context, items, next);
    }
}
