using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Runner.Tools.AdoSandbox.Data;
using Runner.Tools.AdoSandbox.Http;

namespace Runner.Tools.AdoSandbox.Api;

/// <summary>
/// Test runs: listed by $top/$skip (optionally by <c>buildUri</c>), or queried by a <c>minLastUpdatedDate</c>/
/// <c>maxLastUpdatedDate</c> window of at most 7 days with a continuation token (the incremental query); a run's
/// results by $top/$skip; code coverage of a build.
/// </summary>
internal static class TestEndpoints
{
    private static readonly TimeSpan MaxWindow = TimeSpan.FromDays(7);

    public static void MapTests(this IEndpointRouteBuilder org)
    {
        org.MapGet("/{project}/_apis/test/runs", ListRuns);
        org.MapGet("/{project}/_apis/test/runs/{runId:long}", GetRun);
        org.MapGet("/{project}/_apis/test/runs/{runId:long}/results", ListResults);
        org.MapGet("/{project}/_apis/test/codecoverage", GetCoverage);
    }

    private static IResult ListRuns(
        HttpContext context, Org org, string project, bool? includeRunDetails, string? buildUri, DateTime? minLastUpdatedDate,
        DateTime? maxLastUpdatedDate, [FromQuery(Name = "$top")] int? top, [FromQuery(Name = "$skip")] int? skip, string? continuationToken)
    {
        if (!org.TryFindProject(project, out var p))
        {
            return AdoErrors.ProjectNotFound(project);
        }

        var urls = Urls.For(context, org);
        var details = includeRunDetails == true;
        var build = buildUri is not null && buildUri.StartsWith("vstfs:///Build/Build/", StringComparison.OrdinalIgnoreCase)
            && long.TryParse(buildUri.AsSpan(21), NumberStyles.None, CultureInfo.InvariantCulture, out var b) ? b - 1 : (long?)null;
        bool Selected(int r) => build is null || TestRunData.BuildIndex(org, p, r) == build;

        if (minLastUpdatedDate is null && maxLastUpdatedDate is null)
        {
            var runs = Enumerable.Range(0, org.Options.TestRunsPerProject).Where(Selected).Select(r => TestRunData.Run(org, urls, p, r, details)).OfType<object>();
            return Json.List(Paging.Skip(runs, org.Options, skip, top));
        }
        if (minLastUpdatedDate is not { } min || maxLastUpdatedDate is not { } max || max < min || max - min > MaxWindow)
        {
            return AdoErrors.BadRequest(
                "VS403493: minLastUpdatedDate and maxLastUpdatedDate are both required and must be at most 7 days apart.", "InvalidPropertyException");
        }
        var (from, to) = (min.ToUniversalTime(), max.ToUniversalTime());
        var (items, next) = Paging.Continue(
            org.Options.TestRunsPerProject, continuationToken, Paging.Top(org.Options, top), TokenStyle.Opaque,
            r =>
            {
                var updated = TestRunData.LastUpdated(org, TestRunData.Index(org, p, (int)r));
                return Selected((int)r) && updated >= from && updated <= to ? TestRunData.Run(org, urls, p, (int)r, details) : null;
            });
        return Paging.List(context, items, next);
    }

    private static IResult GetRun(HttpContext context, Org org, string project, long runId) =>
        TryRun(org, project, runId, out var p, out var r, out var error)
            ? Json.Ok(TestRunData.Run(org, Urls.For(context, org), p, r, details: true)!)
            : error;

    private static IResult ListResults(
        HttpContext context, Org org, string project, long runId, [FromQuery(Name = "$top")] int? top, [FromQuery(Name = "$skip")] int? skip)
    {
        if (!TryRun(org, project, runId, out var p, out var r, out var error))
        {
            return error;
        }

        var urls = Urls.For(context, org);
        var results = Enumerable.Range(0, org.Options.ResultsPerTestRun).Select(k => TestRunData.Result(org, urls, p, r, k));
        return Json.List(Paging.Skip(results, org.Options, skip, top));
    }

    /// <summary>A build without coverage (or one that doesn't exist) answers an empty <c>coverageData</c>, as the service does.</summary>
    private static IResult GetCoverage(HttpContext context, Org org, string project, long buildId, int? flags)
    {
        if (!org.TryFindProject(project, out var p))
        {
            return AdoErrors.ProjectNotFound(project);
        }

        var index = buildId - 1;
        var perProject = org.Options.BuildsPerProject;
        var exists = index >= (long)p * perProject && index < (long)(p + 1) * perProject && org.Live(EntityKind.Build, index);
        return exists
            ? Json.Ok(TestRunData.Coverage(org, Urls.For(context, org), p, index, flags ?? 0))
            : Json.Ok(new { coverageData = Array.Empty<object>(), build = (object?)null, deltaBuild = (object?)null });
    }

    private static bool TryRun(Org org, string project, long runId, out int p, out int r, out IResult error)
    {
        r = -1;
        error = AdoErrors.ProjectNotFound(project);
        if (!org.TryFindProject(project, out p))
        {
            return false;
        }

        r = (int)Math.Clamp(runId - 1 - TestRunData.Index(org, p, 0), -1, int.MaxValue);
        error = AdoErrors.Result(404, $"VS403329: Test run {runId} does not exist.", "TestObjectNotFoundException");
        return TestRunData.Live(org, p, r);
    }
}
