using System.Runtime.CompilerServices;
using System.Text.Json;
using Runner.Domain.Integrations.AzureDevOps.Fetching;
using static Runner.Domain.Integrations.AzureDevOps.Kinds.Parents;

namespace Runner.Domain.Integrations.AzureDevOps.Kinds;

/// <summary>pipeline (<c>__projectId</c>), pipeline-run (<c>__project</c>, <c>__pipeline</c>) and build (<c>__project</c>).</summary>
internal static class PipelineKinds
{
    public static IAsyncEnumerable<RawPage> PipelinesAsync(FetchScope scope, SelectorOptions selector, CancellationToken ct) =>
        FanOut.MergeAsync(scope.Projects.ListAsync(scope, ct), scope.Options.ParallelParents, (project, ct) =>
            StampedAsync(scope, PipelinePagesAsync(scope, project, ct), [Context("__projectId", project.GetProperty("id"))], ct), ct);

    public static IAsyncEnumerable<RawPage> RunsAsync(FetchScope scope, SelectorOptions selector, CancellationToken ct) =>
        FanOut.MergeAsync(PipelinesOfProjectsAsync(scope, ct), scope.Options.ParallelParents, (parent, ct) => RunsOfAsync(scope, parent, ct), ct);

    public static IAsyncEnumerable<RawPage> BuildsAsync(FetchScope scope, SelectorOptions selector, CancellationToken ct) =>
        FanOut.MergeAsync(scope.Projects.ListAsync(scope, ct), scope.Options.ParallelParents, (project, ct) => StampedAsync(
            scope, scope.ByHeaderTokenAsync((token, c) => scope.Apis.Build.ListBuilds(Id(project), scope.Options.PageSize, token, c), ct), [Context("__project", project)], ct),
            ct);

    private static IAsyncEnumerable<JsonDocument> PipelinePagesAsync(FetchScope scope, JsonElement project, CancellationToken ct) =>
        scope.ByHeaderTokenAsync((token, ct) => scope.Apis.Pipelines.ListPipelines(Id(project), scope.Options.PageSize, token, ct), ct);

    private static async IAsyncEnumerable<(JsonElement Project, JsonElement Pipeline)> PipelinesOfProjectsAsync(
        FetchScope scope, [EnumeratorCancellation] CancellationToken ct)
    {
        await foreach (var project in scope.Projects.ListAsync(scope, ct))
        {
            await foreach (var page in PipelinePagesAsync(scope, project, ct))
            {
                foreach (var pipeline in scope.Values(page).Select(p => p.Clone()).ToList())
                {
                    yield return (project, pipeline);
                }
            }
        }
    }

    // Runs are unpaged: the service returns a pipeline's newest 10,000 in one response.
    private static async IAsyncEnumerable<RawPage> RunsOfAsync(
        FetchScope scope, (JsonElement Project, JsonElement Pipeline) parent, [EnumeratorCancellation] CancellationToken ct)
    {
        var (project, pipeline) = parent;
        using var runs = await scope.ReadAsync(
            scope.Apis.Pipelines.ListRuns(Id(project), pipeline.GetProperty("id").GetInt64(), ct), ct);
        if (runs is not null && scope.Page(scope.Values(runs), Context("__project", project), Context("__pipeline", pipeline)) is { } built)
        {
            yield return built;
        }
    }
}
