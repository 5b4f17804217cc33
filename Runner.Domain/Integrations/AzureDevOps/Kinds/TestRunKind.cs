using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Runner.Domain.Integrations.AzureDevOps.Fetching;
using static Runner.Domain.Integrations.AzureDevOps.Kinds.Parents;

namespace Runner.Domain.Integrations.AzureDevOps.Kinds;

/// <summary>
/// test-run, per project, with run details and <c>__project</c>: listed by $top/$skip, or, for an incremental run, in
/// windows of at most 7 days (the service's limit) of <c>minLastUpdatedDate</c>/<c>maxLastUpdatedDate</c> from the
/// cursor to now. <c>includeResults</c> (default true) adds <c>__results</c>; <c>codeCoverage</c> (<c>{flags}</c>)
/// adds <c>__codeCoverage</c> of the run's build.
/// </summary>
internal static class TestRunKind
{
    private static readonly TimeSpan MaxWindow = TimeSpan.FromDays(7);

    public static IAsyncEnumerable<RawPage> TestRunsAsync(FetchScope scope, SelectorOptions selector, CancellationToken ct)
    {
        var enrichment = new Enrichment(selector.Flag("includeResults", fallback: true), Coverage(selector));
        return FanOut.MergeAsync(scope.Projects.ListAsync(scope, ct), scope.Options.ParallelParents, (project, ct) => OfProjectAsync(scope, project, enrichment, ct), ct);
    }

    private sealed record Enrichment(bool Results, (bool Wanted, int? Flags) Coverage);

    private static (bool, int?) Coverage(SelectorOptions selector)
    {
        if (selector.Object("codeCoverage") is not { } coverage)
        {
            return (false, null);
        }
        return (true, coverage.Positive("flags", 0) is > 0 and var flags ? flags : null);
    }

    private static async IAsyncEnumerable<RawPage> OfProjectAsync(FetchScope scope, JsonElement project, Enrichment enrichment, [EnumeratorCancellation] CancellationToken ct)
    {
        await foreach (var runs in RunPagesAsync(scope, project, ct))
        {
            var page = scope.NewPage();
            foreach (var run in scope.Values(runs))
            {
                ContextField[] context = [Context("__project", project), .. await EnrichAsync(scope, project, run, enrichment, ct)];
                page.Add(run, context);
            }
            if (scope.Finish(page) is { } built)
            {
                yield return built;
            }
        }
    }

    private static async IAsyncEnumerable<JsonDocument> RunPagesAsync(FetchScope scope, JsonElement project, [EnumeratorCancellation] CancellationToken ct)
    {
        if (scope.ChangedSince is not { } since)
        {
            await foreach (var page in scope.BySkipAsync((top, skip, c) => scope.Apis.Test.ListRuns(Id(project), top, skip, c), null, ct))
            {
                yield return page;
            }
            yield break;
        }
        var now = DateTimeOffset.UtcNow;
        for (var from = since; from < now; from += MaxWindow)
        {
            var to = from + MaxWindow < now ? from + MaxWindow : now;
            var (min, max) = (Text(from), Text(to));
            await foreach (var page in scope.ByHeaderTokenAsync((token, c) => scope.Apis.Test.ListRunsUpdated(Id(project), min, max, scope.Options.PageSize, token, c), ct))
            {
                yield return page;
            }
        }
    }

    private static async Task<ContextField[]> EnrichAsync(FetchScope scope, JsonElement project, JsonElement run, Enrichment enrichment, CancellationToken ct)
    {
        var fields = new List<ContextField>(2);
        if (enrichment.Results)
        {
            var results = new List<JsonElement>();
            var pages = scope.BySkipAsync((top, skip, c) => scope.Apis.Test.ListResults(Id(project), run.GetProperty("id").GetInt64(), top, skip, c), null, ct);
            await foreach (var page in pages)
            {
                results.AddRange(scope.Values(page).Select(r => r.Clone()));
            }
            fields.Add(Context("__results", JsonSerializer.SerializeToElement(results)));
        }
        if (enrichment.Coverage.Wanted)
        {
            var coverage = Null;
            if (BuildId(run) is { } buildId)
            {
                using var found = await scope.ReadAsync(scope.Apis.Test.GetCoverage(Id(project), buildId, enrichment.Coverage.Flags, ct), ct);
                coverage = found?.RootElement.Clone() ?? Null;
            }
            fields.Add(Context("__codeCoverage", coverage));
        }
        return [.. fields];
    }

    private static long? BuildId(JsonElement run) =>
        run.TryGetProperty("build", out var build) && build.ValueKind == JsonValueKind.Object && build.TryGetProperty("id", out var id)
            && long.TryParse(id.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;

    private static string Text(DateTimeOffset at) => at.UtcDateTime.ToString("o", CultureInfo.InvariantCulture);
}
