using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Runner.Domain.Integrations.AzureDevOps.Fetching;
using static Runner.Domain.Integrations.AzureDevOps.Kinds.Parents;

namespace Runner.Domain.Integrations.AzureDevOps.Kinds;

/// <summary>
/// pipeline (<c>__projectId</c>; <c>includeRepo</c> adds <c>__repository</c> from its build definition), pipeline-run
/// (<c>__project</c>, <c>__pipeline</c>), build (<c>__project</c>; <c>enrichWithFirstCommit</c> adds <c>__firstCommit</c>)
/// and pipeline-stage (a build timeline's Stage records, with <c>__project</c> and <c>__build</c>).
/// </summary>
internal static class PipelineKinds
{
    public static IAsyncEnumerable<RawPage> PipelinesAsync(FetchScope scope, SelectorOptions selector, CancellationToken ct)
    {
        var withRepository = selector.Flag("includeRepo");
        return FanOut.MergeAsync(scope.Projects.ListAsync(scope, ct), scope.Options.ParallelParents, (project, ct) => withRepository
            ? WithRepositoriesAsync(scope, project, ct)
            : StampedAsync(scope, PipelinePagesAsync(scope, project, ct), [Context("__projectId", project.GetProperty("id"))], ct), ct);
    }

    public static IAsyncEnumerable<RawPage> RunsAsync(FetchScope scope, SelectorOptions selector, CancellationToken ct) =>
        FanOut.MergeAsync(PipelinesOfProjectsAsync(scope, ct), scope.Options.ParallelParents, (parent, ct) => RunsOfAsync(scope, parent, ct), ct);

    public static IAsyncEnumerable<RawPage> BuildsAsync(FetchScope scope, SelectorOptions selector, CancellationToken ct)
    {
        var firstCommit = selector.Flag("enrichWithFirstCommit");
        return FanOut.MergeAsync(scope.Projects.ListAsync(scope, ct), scope.Options.ParallelParents, (project, ct) => firstCommit
            ? WithFirstCommitsAsync(scope, project, ct)
            : StampedAsync(scope, BuildPagesAsync(scope, project, ct), [Context("__project", project)], ct), ct);
    }

    public static IAsyncEnumerable<RawPage> StagesAsync(FetchScope scope, SelectorOptions selector, CancellationToken ct) =>
        FanOut.MergeAsync(BuildsOfProjectsAsync(scope, ct), scope.Options.ParallelParents, (parent, ct) => StagesOfAsync(scope, parent, ct), ct);

    /// <summary>
    /// Newest queued first. An incremental run asks for builds finished since the cursor (finish time is what a
    /// completed build advances), as Ocean's <c>minTime</c> does.
    /// </summary>
    private static IAsyncEnumerable<JsonDocument> BuildPagesAsync(FetchScope scope, JsonElement project, CancellationToken ct)
    {
        var (order, since) = scope.ChangedSince is { } changed
            ? ("finishTimeDescending", changed.UtcDateTime.ToString("o", CultureInfo.InvariantCulture))
            : ("queueTimeDescending", null);
        return scope.ByHeaderTokenAsync((token, c) => scope.Apis.Build.ListBuilds(Id(project), scope.Options.PageSize, token, order, since, c), ct);
    }

    private static IAsyncEnumerable<JsonDocument> PipelinePagesAsync(FetchScope scope, JsonElement project, CancellationToken ct) =>
        scope.ByHeaderTokenAsync((token, ct) => scope.Apis.Pipelines.ListPipelines(Id(project), scope.Options.PageSize, token, ct), ct);

    private static async IAsyncEnumerable<RawPage> WithRepositoriesAsync(FetchScope scope, JsonElement project, [EnumeratorCancellation] CancellationToken ct)
    {
        await foreach (var pipelines in PipelinePagesAsync(scope, project, ct))
        {
            var page = scope.NewPage();
            foreach (var pipeline in scope.Values(pipelines))
            {
                using var definition = await scope.ReadAsync(scope.Apis.Build.GetDefinition(Id(project), pipeline.GetProperty("id").GetInt64(), ct), ct);
                var repository = definition is not null && definition.RootElement.TryGetProperty("repository", out var found) ? found.Clone() : default;
                page.Add(pipeline, Context("__projectId", project.GetProperty("id")), Context("__repository", repository.ValueKind == JsonValueKind.Undefined ? Null : repository));
            }
            if (scope.Finish(page) is { } built)
            {
                yield return built;
            }
        }
    }

    /// <summary>The oldest change a build brought in: changes list newest first, so the last one of the last page.</summary>
    private static async IAsyncEnumerable<RawPage> WithFirstCommitsAsync(FetchScope scope, JsonElement project, [EnumeratorCancellation] CancellationToken ct)
    {
        await foreach (var builds in BuildPagesAsync(scope, project, ct))
        {
            var page = scope.NewPage();
            foreach (var build in scope.Values(builds))
            {
                var first = Null;
                var changes = scope.ByHeaderTokenAsync(
                    (token, c) => scope.Apis.Build.ListChanges(Id(project), build.GetProperty("id").GetInt64(), scope.Options.PageSize, token, c), ct);
                await foreach (var changePage in changes)
                {
                    if (scope.Values(changePage).LastOrDefault() is { ValueKind: JsonValueKind.Object } last)
                    {
                        first = last.Clone();
                    }
                }
                page.Add(build, Context("__project", project), Context("__firstCommit", first));
            }
            if (scope.Finish(page) is { } built)
            {
                yield return built;
            }
        }
    }

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

    private static async IAsyncEnumerable<(JsonElement Project, JsonElement Build)> BuildsOfProjectsAsync(
        FetchScope scope, [EnumeratorCancellation] CancellationToken ct)
    {
        await foreach (var project in scope.Projects.ListAsync(scope, ct))
        {
            await foreach (var page in BuildPagesAsync(scope, project, ct))
            {
                foreach (var build in scope.Values(page).Select(b => b.Clone()).ToList())
                {
                    yield return (project, build);
                }
            }
        }
    }

    /// <summary>
    /// Runs are unpaged: the service returns a pipeline's newest 10,000 in one response. Without Analytics there is
    /// no changed-since filter on runs, so an incremental run keeps those created or finished since the cursor.
    /// </summary>
    private static async IAsyncEnumerable<RawPage> RunsOfAsync(
        FetchScope scope, (JsonElement Project, JsonElement Pipeline) parent, [EnumeratorCancellation] CancellationToken ct)
    {
        var (project, pipeline) = parent;
        using var runs = await scope.ReadAsync(
            scope.Apis.Pipelines.ListRuns(Id(project), pipeline.GetProperty("id").GetInt64(), ct), ct);
        if (runs is null)
        {
            yield break;
        }
        var items = scope.Values(runs);
        if (scope.ChangedSince is { } since)
        {
            items = items.Where(run => ChangedSince(run, "finishedDate", since) || ChangedSince(run, "createdDate", since));
        }
        if (scope.Page(items, Context("__project", project), Context("__pipeline", pipeline)) is { } built)
        {
            yield return built;
        }
    }

    private static async IAsyncEnumerable<RawPage> StagesOfAsync(
        FetchScope scope, (JsonElement Project, JsonElement Build) parent, [EnumeratorCancellation] CancellationToken ct)
    {
        var (project, build) = parent;
        using var timeline = await scope.ReadAsync(scope.Apis.Build.GetTimeline(Id(project), build.GetProperty("id").GetInt64(), ct), ct);
        if (timeline is null)
        {
            yield break;
        }
        // A build that never started has no timeline (204 or a null body): no stages, not a problem.
        IEnumerable<JsonElement> records = timeline.RootElement.ValueKind == JsonValueKind.Object && timeline.RootElement.TryGetProperty("records", out var list)
            && list.ValueKind == JsonValueKind.Array ? list.EnumerateArray() : [];
        var stages = records.Where(r => r.TryGetProperty("type", out var type) && type.ValueEquals("Stage"));
        if (scope.Page(stages, Context("__project", project), Context("__build", build)) is { } built)
        {
            yield return built;
        }
    }

    private static bool ChangedSince(JsonElement item, string property, DateTimeOffset since) =>
        item.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String && value.TryGetDateTimeOffset(out var at) && at >= since;
}
