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
            rev = Rev(org, id),
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
                    workItemType = Urls.Href($"{urls.Base}/{org.Id(EntityKind.Project, p)}/_apis/wit/workItemTypes/{Uri.EscapeDataString((string)all["System.WorkItemType"]!)}"),
                    fields = Urls.Href($"{urls.Base}/{org.Id(EntityKind.Project, p)}/_apis/wit/fields"),
                }
                : null,
            url,
        };
    }

    /// <summary>Each change through the control API adds one revision.</summary>
    public static int Rev(Org org, long id) =>
        (org.State.CreatedWorkItem(id) is null ? 1 + (int)(id % 7) : 1) + org.State.Revisions(EntityKind.WorkItem, id - 1);

    public static DateTime Created(Org org, long id) => org.State.CreatedWorkItem(id)?.At ?? org.Before(EntityKind.WorkItem, id - 1, 365);

    /// <summary>System.ChangedDate: generated between creation and the anchor, or the last change through the control API.</summary>
    public static DateTime ChangedDate(Org org, long id)
    {
        var created = Created(org, id);
        var generated = org.State.CreatedWorkItem(id) is null ? created.AddDays((org.Anchor - created).TotalDays * org.Unit(EntityKind.Commit, id - 1)) : created;
        return org.Changed(EntityKind.WorkItem, id - 1, generated);
    }

    /// <summary>All fields: generated ones, then those of a created item, then values set through the control API.</summary>
    public static Dictionary<string, object?> Fields(Org org, Urls urls, long id, int p)
    {
        var fields = GeneratedFields(org, urls, id, p);
        if (org.State.CreatedWorkItem(id) is { } item)
        {
            fields["System.WorkItemType"] = item.Type;
            fields["System.Title"] = item.Title;
            fields["System.State"] = "New";
            fields["System.Reason"] = "New";
            fields["System.CreatedDate"] = item.At;
            fields["System.AreaPath"] = Org.ProjectName(p);
            fields["System.TeamProject"] = Org.ProjectName(p);
        }
        if (org.State.Change(EntityKind.WorkItem, id - 1) is { } change)
        {
            foreach (var (name, value) in change.Values)
            {
                fields[name] = value;
            }
        }
        fields["System.ChangedDate"] = ChangedDate(org, id);
        fields["Microsoft.VSTS.Common.StateChangeDate"] = ChangedDate(org, id);
        return fields;
    }

    private static Dictionary<string, object?> GeneratedFields(Org org, Urls urls, long id, int p)
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
