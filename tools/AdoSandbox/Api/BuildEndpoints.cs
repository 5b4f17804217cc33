using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Runner.Tools.AdoSandbox.Data;
using Runner.Tools.AdoSandbox.Http;

namespace Runner.Tools.AdoSandbox.Api;

/// <summary>
/// Builds: $top + continuation token (header), newest first; <c>definitions</c> and <c>minTime</c>/<c>maxTime</c>
/// filters on the queue, start or finish time, whichever <c>queryOrder</c> names (queue time by default). A build definition is a pipeline seen through the build API (Ocean's includeRepo).
/// </summary>
internal static class BuildEndpoints
{
    public static void MapBuilds(this IEndpointRouteBuilder org)
    {
        org.MapGet("/{project}/_apis/build/builds", ListBuilds);
        org.MapGet("/{project}/_apis/build/builds/{buildId:long}", GetBuild);
        org.MapGet("/{project}/_apis/build/builds/{buildId:long}/timeline", GetTimeline);
        org.MapGet("/{project}/_apis/build/builds/{buildId:long}/changes", ListChanges);
        org.MapGet("/{project}/_apis/build/definitions/{definitionId:int}", GetDefinition);
    }

    private static IResult GetBuild(HttpContext context, Org org, string project, long buildId) =>
        TryBuild(org, project, buildId, out var p, out var b, out var error)
            ? Json.Ok(PipelineData.Build(org, Urls.For(context, org), p, b)!)
            : error;

    /// <summary>Stage, phase and job records of a build; pipeline-stage keeps the <c>type == "Stage"</c> ones.</summary>
    private static IResult GetTimeline(HttpContext context, Org org, string project, long buildId) =>
        TryBuild(org, project, buildId, out var p, out var b, out var error)
            ? Json.Ok(TimelineData.Timeline(org, Urls.For(context, org), p, b))
            : error;

    /// <summary>The commits a build brought in (oldest last), $top + continuation token; build's enrichWithFirstCommit.</summary>
    private static IResult ListChanges(HttpContext context, Org org, string project, long buildId, [FromQuery(Name = "$top")] int? top, string? continuationToken)
    {
        if (!TryBuild(org, project, buildId, out var p, out var b, out var error))
        {
            return error;
        }

        var urls = Urls.For(context, org);
        var (items, next) = Paging.Continue(
            TimelineData.ChangesPerBuild, continuationToken, Paging.Top(org.Options, top), TokenStyle.Integer,
            c => TimelineData.Change(org, urls, p, b, (int)c));
        return Paging.List(context, items, next);
    }

    private static bool TryBuild(Org org, string project, long buildId, out int p, out int b, [NotNullWhen(false)] out IResult? error)
    {
        b = -1;
        error = null;
        if (!org.TryFindProject(project, out p))
        {
            error = AdoErrors.ProjectNotFound(project);
            return false;
        }
        var perProject = org.Options.BuildsPerProject;
        var index = buildId - 1;
        if (perProject > 0 && index >= (long)p * perProject && index < (long)(p + 1) * perProject && org.Live(EntityKind.Build, index))
        {
            b = (int)(index - (long)p * perProject);
            return true;
        }
        error = AdoErrors.Result(404, $"VS800001: The requested build {buildId} could not be found.", "BuildNotFoundException");
        return false;
    }

    private static IResult GetDefinition(HttpContext context, Org org, string project, int definitionId)
    {
        if (!org.TryFindProject(project, out var p))
        {
            return AdoErrors.ProjectNotFound(project);
        }
        var i = definitionId - 1 - (int)org.PipelineIndex(p, 0);
        return org.PipelineLive(p, i)
            ? Json.Ok(PipelineData.Definition(org, Urls.For(context, org), p, i))
            : AdoErrors.Result(404, $"The requested build definition {definitionId} could not be found.", "DefinitionNotFoundException");
    }

    private static IResult ListBuilds(
        HttpContext context, Org org, string project, [FromQuery(Name = "$top")] int? top, string? continuationToken,
        string? definitions, DateTime? minTime, DateTime? maxTime, string? queryOrder)
    {
        if (!org.TryFindProject(project, out var p))
        {
            return AdoErrors.ProjectNotFound(project);
        }
        var urls = Urls.For(context, org);
        var wanted = definitions?.Split(',').Select(id => long.Parse(id, CultureInfo.InvariantCulture)).ToHashSet();
        var count = org.Options.BuildsPerProject;
        var (items, next) = Paging.Continue(
            count, continuationToken, Paging.Top(org.Options, top), TokenStyle.Opaque,
            i =>
            {
                var b = (int)(count - 1 - i);
                var index = (long)p * count + b;
                // As in the service, minTime/maxTime apply to the time queryOrder sorts by (queue time by default).
                var queued = queryOrder?.StartsWith("finishTime", StringComparison.OrdinalIgnoreCase) == true ? PipelineData.FinishTime(org, index)
                    : queryOrder?.StartsWith("startTime", StringComparison.OrdinalIgnoreCase) == true ? PipelineData.QueueTime(org, index).AddSeconds(20)
                    : PipelineData.QueueTime(org, index);
                var definitionId = org.Options.PipelinesPerProject > 0 ? org.PipelineIndex(p, b % org.Options.PipelinesPerProject) + 1 : 0;
                var selected = (wanted is null || wanted.Contains(definitionId))
                    && (minTime is null || queued >= minTime.Value.ToUniversalTime())
                    && (maxTime is null || queued <= maxTime.Value.ToUniversalTime());
                return selected ? PipelineData.Build(org, urls, p, b) : null;
            });
        return Paging.List(context, items, next);
    }
}
