using System.Runtime.CompilerServices;
using System.Text.Json;
using Runner.Domain.Integrations.AzureDevOps.Fetching;
using static Runner.Domain.Integrations.AzureDevOps.Kinds.Parents;

namespace Runner.Domain.Integrations.AzureDevOps.Kinds;

/// <summary>
/// Team-level work settings: board (<c>__project</c>), column (one per column and state mapping, with <c>__board</c>,
/// <c>__stateType</c>, <c>__stateName</c>, as Ocean derives them) and iteration (<c>__project</c>, <c>__team</c>).
/// </summary>
internal static class BoardKinds
{
    public static IAsyncEnumerable<RawPage> BoardsAsync(FetchScope scope, SelectorOptions selector, CancellationToken ct) =>
        PerTeam(scope, ct, (parent, ct) => OfTeamAsync(scope, parent, (page, board) => page.Add(board), ct));

    public static IAsyncEnumerable<RawPage> ColumnsAsync(FetchScope scope, SelectorOptions selector, CancellationToken ct) =>
        PerTeam(scope, ct, (parent, ct) => OfTeamAsync(scope, parent, AddColumns, ct));

    public static IAsyncEnumerable<RawPage> IterationsAsync(FetchScope scope, SelectorOptions selector, CancellationToken ct) =>
        PerTeam(scope, ct, (parent, ct) => IterationsOfAsync(scope, parent, ct));

    private static IAsyncEnumerable<RawPage> PerTeam(
        FetchScope scope, CancellationToken ct, Func<(JsonElement Project, JsonElement Team), CancellationToken, IAsyncEnumerable<RawPage>> pagesOf) =>
        FanOut.MergeAsync(ProjectTeamsAsync(scope, ct), scope.Options.ParallelParents, pagesOf, ct);

    /// <summary>The board list lacks columns, so each board is read on its own; one page per team.</summary>
    private static async IAsyncEnumerable<RawPage> OfTeamAsync(
        FetchScope scope, (JsonElement Project, JsonElement Team) parent, Action<PageBuilder, JsonElement> add,
        [EnumeratorCancellation] CancellationToken ct)
    {
        var (project, team) = parent;
        using var boards = await scope.ReadAsync(scope.Apis.Work.ListBoards(Id(project), Id(team), ct), ct);
        if (boards is null)
        {
            yield break;
        }
        var page = scope.NewPage();
        foreach (var reference in scope.Values(boards))
        {
            using var board = await scope.ReadAsync(scope.Apis.Work.GetBoard(Id(project), Id(team), Id(reference), ct), ct);
            if (board is not null)
            {
                add(page, PageBuilder.Combine(board.RootElement, Context("__project", project)));
            }
        }
        if (scope.Finish(page) is { } built)
        {
            yield return built;
        }
    }

    private static void AddColumns(PageBuilder page, JsonElement board)
    {
        if (!board.TryGetProperty("columns", out var columns) || columns.ValueKind != JsonValueKind.Array)
        {
            return;
        }
        foreach (var column in columns.EnumerateArray())
        {
            if (!column.TryGetProperty("stateMappings", out var mappings) || mappings.ValueKind != JsonValueKind.Object)
            {
                continue;
            }
            foreach (var mapping in mappings.EnumerateObject())
            {
                page.Add(column,
                    Context("__board", board),
                    Context("__stateType", JsonSerializer.SerializeToElement(mapping.Name)),
                    Context("__stateName", mapping.Value));
            }
        }
    }

    private static async IAsyncEnumerable<RawPage> IterationsOfAsync(
        FetchScope scope, (JsonElement Project, JsonElement Team) parent, [EnumeratorCancellation] CancellationToken ct)
    {
        var (project, team) = parent;
        using var iterations = await scope.ReadAsync(scope.Apis.Work.ListIterations(Id(project), Id(team), ct), ct);
        if (iterations is not null && scope.Page(scope.Values(iterations), Context("__project", project), Context("__team", team)) is { } built)
        {
            yield return built;
        }
    }
}
