using Runner.Tools.AdoSandbox.Http;

namespace Runner.Tools.AdoSandbox.Data;

/// <summary>Work items, ids org-wide (project p owns ids p*N+1 .. (p+1)*N).</summary>
internal static class WorkItemData
{
    private static readonly string[] Types = ["User Story", "Task", "Bug", "Feature", "Epic"];
    private static readonly (string State, string Reason)[] States = [("New", "New"), ("Active", "Implementation started"), ("Resolved", "Code complete and unit tests pass"), ("Closed", "Acceptance tests pass")];

    public static string Url(Urls urls, long id) => $"{urls.Base}/_apis/wit/workItems/{id}";

    /// <summary>Null when the id doesn't exist (never created, deleted, or in a hidden project).</summary>
    public static object? WorkItem(Org org, Urls urls, long id, IReadOnlyCollection<string>? fields, string? expand)
    {
        if (!org.WorkItemLive(id, out var p))
        {
            return null;
        }
        var all = Fields(org, urls, id, p);
        var selected = fields is { Count: > 0 }
            ? all.Where(field => fields.Contains(field.Key, StringComparer.OrdinalIgnoreCase)).ToDictionary()
            : all;
        var expandAll = string.Equals(expand, "all", StringComparison.OrdinalIgnoreCase);
        var url = Url(urls, id);
        return new
        {
            id,
            rev = 1 + (int)(id % 7),
            fields = selected,
            relations = expandAll || string.Equals(expand, "relations", StringComparison.OrdinalIgnoreCase) ? Array.Empty<object>() : null,
            _links = expandAll || string.Equals(expand, "links", StringComparison.OrdinalIgnoreCase)
                ? new
                {
                    self = Urls.Href(url),
                    workItemUpdates = Urls.Href($"{url}/updates"),
                    workItemRevisions = Urls.Href($"{url}/revisions"),
                    workItemComments = Urls.Href($"{url}/comments"),
                    html = Urls.Href($"{urls.Base}/{org.Id(EntityKind.Project, p)}/_workitems/edit/{id}"),
                    workItemType = Urls.Href($"{urls.Base}/{org.Id(EntityKind.Project, p)}/_apis/wit/workItemTypes/{Uri.EscapeDataString(Types[id % Types.Length])}"),
                    fields = Urls.Href($"{urls.Base}/{org.Id(EntityKind.Project, p)}/_apis/wit/fields"),
                }
                : null,
            url,
        };
    }

    private static Dictionary<string, object?> Fields(Org org, Urls urls, long id, int p)
    {
        var index = id - 1;
        var project = Org.ProjectName(p);
        var (state, reason) = States[index % States.Length];
        var created = org.Before(EntityKind.WorkItem, index, 365);
        var changed = created.AddDays((org.Anchor - created).TotalDays * org.Unit(EntityKind.Commit, index));
        var author = Identities.AuthorOf(org, EntityKind.WorkItem, index);
        var changer = Identities.AuthorOf(org, EntityKind.Commit, index);
        var fields = new Dictionary<string, object?>
        {
            ["System.Id"] = id,
            ["System.AreaPath"] = project,
            ["System.TeamProject"] = project,
            ["System.IterationPath"] = $"{project}\\Sprint {1 + index % 6}",
            ["System.WorkItemType"] = Types[index % Types.Length],
            ["System.State"] = state,
            ["System.Reason"] = reason,
            ["System.CreatedDate"] = created,
            ["System.CreatedBy"] = Identities.Ref(org, urls, author),
            ["System.ChangedDate"] = changed,
            ["System.ChangedBy"] = Identities.Ref(org, urls, changer),
            ["System.CommentCount"] = index % 4,
            ["System.Title"] = $"Work item {id} of {project}",
            ["Microsoft.VSTS.Common.Priority"] = 1 + index % 4,
            ["Microsoft.VSTS.Common.StateChangeDate"] = changed,
        };
        if (index % 3 != 0)
        {
            fields["System.AssignedTo"] = Identities.Ref(org, urls, changer);
        }
        if (index % 5 == 0)
        {
            fields["System.Tags"] = "sandbox; generated";
        }
        return fields;
    }
}
