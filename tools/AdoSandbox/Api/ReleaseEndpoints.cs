using Microsoft.AspNetCore.Mvc;
using Runner.Tools.AdoSandbox.Data;
using Runner.Tools.AdoSandbox.Http;

namespace Runner.Tools.AdoSandbox.Api;

/// <summary>
/// Release area (vsrm): definitions (id ascending) and releases (newest first unless
/// <c>queryOrder=ascending</c>), both $top + continuation token in the header; releases default to $top=50.
/// </summary>
internal static class ReleaseEndpoints
{
    private const int DefaultReleasesTop = 50;

    public static void MapReleases(this IEndpointRouteBuilder org)
    {
        org.MapGet("/{project}/_apis/release/definitions", ListDefinitions).InArea(ApiArea.Release);
        org.MapGet("/{project}/_apis/release/releases", ListReleases).InArea(ApiArea.Release);
        org.MapGet("/{project}/_apis/release/releases/{releaseId:long}", GetRelease).InArea(ApiArea.Release);
    }

    private static IResult GetRelease(HttpContext context, Org org, string project, long releaseId)
    {
        if (!org.TryFindProject(project, out var p))
        {
            return AdoErrors.ProjectNotFound(project);
        }

        var count = (long)org.Options.ReleaseDefinitionsPerProject * org.Options.ReleasesPerDefinition;
        var release = releaseId >= 1 && releaseId <= count ? ReleaseData.Release(org, Urls.For(context, org), p, releaseId - 1) : null;
        return release is null
            ? AdoErrors.Result(404, $"VS402864: Release with id {releaseId} does not exist.", "ReleaseNotFoundException")
            : Json.Ok(release);
    }

    private static IResult ListDefinitions(
        HttpContext context, Org org, string project, [FromQuery(Name = "$top")] int? top, string? continuationToken,
        [FromQuery(Name = "$expand")] string? expand)
    {
        if (!org.TryFindProject(project, out var p))
        {
            return AdoErrors.ProjectNotFound(project);
        }
        var urls = Urls.For(context, org);
        var withEnvironments = expand?.Contains("environments", StringComparison.OrdinalIgnoreCase) == true;
        var (items, next) = Paging.Continue(
            org.Options.ReleaseDefinitionsPerProject, continuationToken, Paging.Top(org.Options, top), TokenStyle.Integer,
            d => ReleaseData.Definition(org, urls, p, (int)d, withEnvironments));
        return Paging.List(context, items, next);
    }

    private static IResult ListReleases(
        HttpContext context, Org org, string project, [FromQuery(Name = "$top")] int? top, string? continuationToken,
        int? definitionId, string? statusFilter, string? queryOrder, DateTime? minCreatedTime, DateTime? maxCreatedTime)
    {
        if (!org.TryFindProject(project, out var p))
        {
            return AdoErrors.ProjectNotFound(project);
        }
        var urls = Urls.For(context, org);
        var perDefinition = org.Options.ReleasesPerDefinition;
        long first = 0, count = (long)org.Options.ReleaseDefinitionsPerProject * perDefinition;
        if (definitionId is { } d)
        {
            first = Math.Clamp(d - 1, 0, org.Options.ReleaseDefinitionsPerProject) * (long)perDefinition;
            count = d >= 1 && d <= org.Options.ReleaseDefinitionsPerProject ? perDefinition : 0;
        }
        var ascending = string.Equals(queryOrder, "ascending", StringComparison.OrdinalIgnoreCase);
        var (items, next) = Paging.Continue(
            count, continuationToken, Paging.Top(org.Options, top ?? DefaultReleasesTop), TokenStyle.Integer,
            i =>
            {
                var local = first + (ascending ? i : count - 1 - i);
                var index = ReleaseData.Index(org, p, local);
                var created = ReleaseData.CreatedOn(org, index);
                var selected = (minCreatedTime is null || created >= minCreatedTime.Value.ToUniversalTime())
                    && (maxCreatedTime is null || created <= maxCreatedTime.Value.ToUniversalTime())
                    && (statusFilter is null || string.Equals(statusFilter, ReleaseData.Status(org, index), StringComparison.OrdinalIgnoreCase));
                return selected ? ReleaseData.Release(org, urls, p, local) : null;
            });
        return Paging.List(context, items, next);
    }
}
