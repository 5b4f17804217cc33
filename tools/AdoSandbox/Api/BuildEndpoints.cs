using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Runner.Tools.AdoSandbox.Data;
using Runner.Tools.AdoSandbox.Http;

namespace Runner.Tools.AdoSandbox.Api;

/// <summary>
/// Builds: $top + continuation token (header), newest first; <c>definitions</c> and <c>minTime</c>/<c>maxTime</c>
/// (queue time) filters. A build definition is a pipeline seen through the build API (Ocean's includeRepo).
/// </summary>
internal static class BuildEndpoints
{
    public static void MapBuilds(this IEndpointRouteBuilder org)
    {
        org.MapGet("/{project}/_apis/build/builds", ListBuilds);
        org.MapGet("/{project}/_apis/build/definitions/{definitionId:int}", GetDefinition);
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
        string? definitions, DateTime? minTime, DateTime? maxTime)
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
                var queued = org.Before(EntityKind.Build, index, 90);
                var definitionId = org.Options.PipelinesPerProject > 0 ? org.PipelineIndex(p, b % org.Options.PipelinesPerProject) + 1 : 0;
                var selected = (wanted is null || wanted.Contains(definitionId))
                    && (minTime is null || queued >= minTime.Value.ToUniversalTime())
                    && (maxTime is null || queued <= maxTime.Value.ToUniversalTime());
                return selected ? PipelineData.Build(org, urls, p, b) : null;
            });
        return Paging.List(context, items, next);
    }
}
