using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Runner.Domain.Integrations.AzureDevOps.Api;
using Runner.Domain.Integrations.AzureDevOps.Fetching;
using static Runner.Domain.Integrations.AzureDevOps.Kinds.Parents;

namespace Runner.Domain.Integrations.AzureDevOps.Kinds;

/// <summary>
/// work-item, per project: WIQL returns ids only, at most 20,000, with no continuation, so ids are read in windows
/// of <c>[System.Id] &gt; lastId ORDER BY [System.Id]</c>; the items then come at most 200 ids per call.
/// Selector options: <c>wiql</c> (a condition ANDed to the project filter) and <c>expand</c> (default All). An
/// incremental run adds <c>[System.ChangedDate] &gt;= cursor</c> with time precision, as Ocean does.
/// </summary>
internal static class WorkItemKind
{
    public static IAsyncEnumerable<RawPage> WorkItemsAsync(FetchScope scope, SelectorOptions selector, CancellationToken ct)
    {
        var condition = selector.Text("wiql");
        var expand = selector.Text("expand") ?? "All";
        return FanOut.MergeAsync(scope.Projects.ListAsync(scope, ct), scope.Options.ParallelParents,
            (project, ct) => OfProjectAsync(scope, project, condition, expand, ct), ct);
    }

    private static async IAsyncEnumerable<RawPage> OfProjectAsync(
        FetchScope scope, JsonElement project, string? condition, string expand, [EnumeratorCancellation] CancellationToken ct)
    {
        // A user ORDER BY can't be combined with id windows; like Ocean, read one window and say so if it was full.
        var ordered = condition?.Contains("ORDER BY", StringComparison.OrdinalIgnoreCase) == true;
        var lastId = 0L;
        while (true)
        {
            var ids = await QueryIdsAsync(scope, project, Query(project, condition, Changed(scope), ordered ? null : lastId), ct);
            foreach (var batch in ids.Chunk(scope.Options.WorkItemBatchSize))
            {
                var idList = string.Join(',', batch.Select(id => id.ToString(CultureInfo.InvariantCulture)));
                using var items = await scope.ReadAsync(scope.Apis.Wit.ListWorkItems(Id(project), idList, expand, ct), ct);
                if (items is not null && scope.Page(scope.Values(items), Context("__projectId", project.GetProperty("id")), Context("__project", project)) is { } built)
                {
                    yield return built;
                }
            }
            if (ids.Count < scope.Options.WiqlWindow)
            {
                yield break;
            }
            if (ordered)
            {
                scope.Problem($"The work-item WIQL has its own ORDER BY, so only its first {ids.Count} results per project were fetched.");
                yield break;
            }
            lastId = ids[^1];
        }
    }

    private static async Task<List<long>> QueryIdsAsync(FetchScope scope, JsonElement project, string query, CancellationToken ct)
    {
        var precise = scope.ChangedSince is null ? (bool?)null : true;
        using var result = await scope.ReadAsync(scope.Apis.Wit.QueryIds(Id(project), new WiqlQuery(query), scope.Options.WiqlWindow, precise, ct), ct);
        return result is null ? [] : [.. scope.Values(result, "workItems").Select(item => item.GetProperty("id").GetInt64())];
    }

    /// <summary>An incremental run's top-level filter; null for a full run.</summary>
    private static string? Changed(FetchScope scope) => scope.ChangedSince is { } since
        ? $"[System.ChangedDate] >= '{since.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture)}'"
        : null;

    private static string Query(JsonElement project, string? condition, string? changed, long? afterId)
    {
        var name = project.GetProperty("name").GetString()!.Replace("'", "''", StringComparison.Ordinal);
        var query = $"SELECT [System.Id] FROM WorkItems WHERE [System.TeamProject] = '{name}'";
        // The changed-since filter is a top-level AND, never inside the user's condition.
        query = changed is null ? query : $"{query} AND {changed}";
        if (afterId is not { } lastId)
        {
            return condition is null ? query : $"{query} AND {condition}";
        }
        var filter = condition is null ? "" : $" AND ({condition})";
        return string.Create(CultureInfo.InvariantCulture, $"{query}{filter} AND [System.Id] > {lastId} ORDER BY [System.Id] ASC");
    }
}
