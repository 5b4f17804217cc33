using Microsoft.AspNetCore.Mvc;
using Runner.Tools.AdoSandbox.Data;
using Runner.Tools.AdoSandbox.Http;

namespace Runner.Tools.AdoSandbox.Api;

/// <summary>Pipelines API: pipelines page by $top + continuation token; runs have no paging ("top 10000 runs").</summary>
internal static class PipelineEndpoints
{
    private const int RunsLimit = 10_000;

    public static void MapPipelines(this IEndpointRouteBuilder org)
    {
        org.MapGet("/{project}/_apis/pipelines", ListPipelines);
        org.MapGet("/{project}/_apis/pipelines/{pipelineId:int}", GetPipeline);
        org.MapGet("/{project}/_apis/pipelines/{pipelineId:int}/runs", ListRuns);
        org.MapGet("/{project}/_apis/pipelines/{pipelineId:int}/runs/{runId:long}", GetRun);
    }

    private static IResult ListPipelines(
        HttpContext context, Org org, string project, [FromQuery(Name = "$top")] int? top, string? continuationToken)
    {
        if (!org.TryFindProject(project, out var p))
        {
            return AdoErrors.ProjectNotFound(project);
        }
        var urls = Urls.For(context, org);
        var (items, next) = Paging.Continue(
            org.Options.PipelinesPerProject, continuationToken, Paging.Top(org.Options, top), TokenStyle.Opaque,
            i => PipelineData.Pipeline(org, urls, p, (int)i, withConfiguration: false));
        return Paging.List(context, items, next);
    }

    private static IResult GetPipeline(HttpContext context, Org org, string project, int pipelineId) =>
        TryFind(org, project, pipelineId, out var p, out var i, out var error)
            ? Json.Ok(PipelineData.Pipeline(org, Urls.For(context, org), p, i, withConfiguration: true)!)
            : error;

    private static IResult ListRuns(HttpContext context, Org org, string project, int pipelineId)
    {
        if (!TryFind(org, project, pipelineId, out var p, out var i, out var error))
        {
            return error;
        }
        var urls = Urls.For(context, org);
        var runs = Enumerable.Range(0, org.Options.RunsPerPipeline).Reverse()
            .Select(ordinal => PipelineData.Run(org, urls, p, i, ordinal)).OfType<object>()
            .Take(RunsLimit).ToList();
        return Json.List(runs);
    }

    private static IResult GetRun(HttpContext context, Org org, string project, int pipelineId, long runId)
    {
        if (!TryFind(org, project, pipelineId, out var p, out var i, out var error))
        {
            return error;
        }
        var ordinal = runId - 1 - org.PipelineIndex(p, i) * org.Options.RunsPerPipeline;
        var run = ordinal >= 0 && ordinal < org.Options.RunsPerPipeline ? PipelineData.Run(org, Urls.For(context, org), p, i, (int)ordinal) : null;
        return run is null ? AdoErrors.NotFound($"Pipeline run {runId}") : Json.Ok(run);
    }

    private static bool TryFind(Org org, string project, int pipelineId, out int p, out int i, out IResult error)
    {
        error = AdoErrors.ProjectNotFound(project);
        i = -1;
        if (!org.TryFindProject(project, out p))
        {
            return false;
        }
        i = pipelineId - 1 - (int)org.PipelineIndex(p, 0);
        error = AdoErrors.NotFound($"Pipeline {pipelineId}");
        return org.PipelineLive(p, i);
    }
}
