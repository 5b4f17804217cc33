using Runner.Tools.AdoSandbox.Http;

namespace Runner.Tools.AdoSandbox.Data;

/// <summary>Team boards (one per backlog level) with their columns, and team iterations (two-week sprints).</summary>
internal static class WorkData
{
    private static readonly (string Board, string ItemType)[] Levels = [("Stories", "User Story"), ("Features", "Feature"), ("Epics", "Epic")];

    public static string BoardName(int b) => b < Levels.Length ? Levels[b].Board : $"Backlog {b + 1}";
    private static string ItemType(int b) => b < Levels.Length ? Levels[b].ItemType : "Task";

    private static string TeamBase(Org org, Urls urls, int p, int t) =>
        $"{urls.Base}/{org.Id(EntityKind.Project, p)}/{org.Id(EntityKind.Team, org.TeamIndex(p, t))}";

    public static bool BoardLive(Org org, int p, int t, int b) =>
        b >= 0 && b < org.Options.BoardsPerTeam && org.Live(EntityKind.Board, org.BoardIndex(org.TeamIndex(p, t), b));

    public static object BoardReference(Org org, Urls urls, int p, int t, int b)
    {
        var id = org.Id(EntityKind.Board, org.BoardIndex(org.TeamIndex(p, t), b));
        return new { id, url = $"{TeamBase(org, urls, p, t)}/_apis/work/boards/{id}", name = BoardName(b) };
    }

    public static object Board(Org org, Urls urls, int p, int t, int b)
    {
        var id = org.Id(EntityKind.Board, org.BoardIndex(org.TeamIndex(p, t), b));
        var self = $"{TeamBase(org, urls, p, t)}/_apis/work/boards/{id}";
        return new
        {
            id,
            url = self,
            name = BoardName(b),
            revision = 1,
            columns = Columns(org, p, t, b),
            rows = new[] { new { id = Guid.Empty, name = (string?)null } },
            isValid = true,
            canEdit = true,
            fields = new
            {
                columnField = new { referenceName = $"WEF_{id:N}_Kanban.Column", url = $"{urls.Base}/_apis/wit/fields/WEF_{id:N}_Kanban.Column" },
                rowField = new { referenceName = $"WEF_{id:N}_Kanban.Lane", url = $"{urls.Base}/_apis/wit/fields/WEF_{id:N}_Kanban.Lane" },
                doneField = new { referenceName = $"WEF_{id:N}_Kanban.Column.Done", url = $"{urls.Base}/_apis/wit/fields/WEF_{id:N}_Kanban.Column.Done" },
            },
            _links = new
            {
                self = Urls.Href(self),
                project = Urls.Href(urls.Project(org.Id(EntityKind.Project, p))),
                team = Urls.Href($"{urls.Project(org.Id(EntityKind.Project, p))}/teams/{org.Id(EntityKind.Team, org.TeamIndex(p, t))}"),
                columns = Urls.Href($"{self}/columns"),
                rows = Urls.Href($"{self}/rows"),
            },
        };
    }

    /// <summary>First column incoming ("New"), last outgoing ("Closed"), the rest in progress; one state mapping each.</summary>
    public static IReadOnlyList<object> Columns(Org org, int p, int t, int b)
    {
        var count = org.Options.ColumnsPerBoard;
        var board = org.BoardIndex(org.TeamIndex(p, t), b);
        return Enumerable.Range(0, count).Select(c =>
        {
            var (name, type, state) = c == 0 ? ("New", "incoming", "New")
                : c == count - 1 ? ("Closed", "outgoing", "Closed")
                : (c == 1 ? "Active" : $"Stage {c}", "inProgress", "Active");
            return (object)new
            {
                id = org.Id(EntityKind.Column, board * count + c),
                name,
                itemLimit = type == "inProgress" ? 5 : 0,
                stateMappings = new Dictionary<string, string> { [ItemType(b)] = state },
                columnType = type,
                isSplit = type == "inProgress" ? false : (bool?)null,
                description = "",
            };
        }).ToList();
    }

    public static IEnumerable<object> Iterations(Org org, Urls urls, int p, int t, bool currentOnly)
    {
        var count = org.Options.IterationsPerTeam;
        var team = org.TeamIndex(p, t);
        var current = Math.Max(0, count - 2);
        for (var i = 0; i < count; i++)
        {
            if (!org.Live(EntityKind.Iteration, org.IterationIndex(team, i)) || (currentOnly && i != current))
            {
                continue;
            }
            var id = org.Id(EntityKind.Iteration, org.IterationIndex(team, i));
            var start = org.Anchor.AddDays((i - current) * 14 - 7);
            yield return new
            {
                id,
                name = $"Sprint {i + 1}",
                path = $"{Org.ProjectName(p)}\\{Org.TeamName(p, t)}\\Sprint {i + 1}",
                attributes = new { startDate = start, finishDate = start.AddDays(13), timeFrame = i < current ? "past" : i == current ? "current" : "future" },
                url = $"{TeamBase(org, urls, p, t)}/_apis/work/teamsettings/iterations/{id}",
            };
        }
    }
}
