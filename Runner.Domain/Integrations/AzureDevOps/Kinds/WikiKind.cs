using System.Runtime.CompilerServices;
using System.Text.Json;
using Runner.Domain.Integrations.AzureDevOps.Api;
using Runner.Domain.Integrations.AzureDevOps.Fetching;
using static Runner.Domain.Integrations.AzureDevOps.Kinds.Parents;

namespace Runner.Domain.Integrations.AzureDevOps.Kinds;

/// <summary>
/// wiki: one object per wiki page, with <c>__wiki</c> and <c>__project</c>. Pages come from POST pagesbatch (at
/// most 100 a call, the next token in the header). <c>wikiType</c> keeps project or code wikis only;
/// <c>includeContent</c> reads each page on its own for its content.
/// </summary>
internal static class WikiKind
{
    private const int PagesBatchLimit = 100;

    public static IAsyncEnumerable<RawPage> WikisAsync(FetchScope scope, SelectorOptions selector, CancellationToken ct)
    {
        var type = selector.Text("wikiType");
        var withContent = selector.Flag("includeContent");
        return FanOut.MergeAsync(WikisOfProjectsAsync(scope, type, ct), scope.Options.ParallelParents,
            (parent, ct) => PagesOfAsync(scope, parent.Project, parent.Wiki, withContent, ct), ct);
    }

    private static async IAsyncEnumerable<(JsonElement Project, JsonElement Wiki)> WikisOfProjectsAsync(
        FetchScope scope, string? type, [EnumeratorCancellation] CancellationToken ct)
    {
        await foreach (var project in scope.Projects.ListAsync(scope, ct))
        {
            using var wikis = await scope.ReadAsync(scope.Apis.Wiki.ListWikis(Id(project), ct), ct);
            if (wikis is null)
            {
                continue;
            }
            foreach (var wiki in scope.Values(wikis).Where(w => type is null || (w.TryGetProperty("type", out var t) && string.Equals(t.GetString(), type, StringComparison.OrdinalIgnoreCase)))
                .Select(w => w.Clone()).ToList())
            {
                yield return (project, wiki);
            }
        }
    }

    private static async IAsyncEnumerable<RawPage> PagesOfAsync(
        FetchScope scope, JsonElement project, JsonElement wiki, bool withContent, [EnumeratorCancellation] CancellationToken ct)
    {
        var top = Math.Min(scope.Options.PageSize, PagesBatchLimit);
        var pages = scope.ByHeaderTokenAsync((token, c) => scope.Apis.Wiki.ListPages(Id(project), Id(wiki), new PagesBatchRequest(top, token), c), ct);
        await foreach (var batch in pages)
        {
            var page = scope.NewPage();
            foreach (var summary in scope.Values(batch))
            {
                if (!withContent)
                {
                    page.Add(summary, Context("__wiki", wiki), Context("__project", project));
                    continue;
                }
                using var full = await scope.ReadAsync(scope.Apis.Wiki.GetPage(Id(project), Id(wiki), summary.GetProperty("id").GetInt64(), ct), ct);
                if (full is not null)
                {
                    page.Add(full.RootElement, Context("__wiki", wiki), Context("__project", project));
                }
            }
            if (scope.Finish(page) is { } built)
            {
                yield return built;
            }
        }
    }
}
