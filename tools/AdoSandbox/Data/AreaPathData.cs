using Runner.Tools.AdoSandbox.Http;

namespace Runner.Tools.AdoSandbox.Data;

/// <summary>
/// Each project's area tree: the root (named after the project) with AreaPathChildren children per node,
/// AreaPathDepth levels deep. Nodes are numbered depth-first per project, so ids are stable and reversible.
/// </summary>
internal static class AreaPathData
{
    /// <summary>Nodes in a subtree whose root is at <paramref name="level"/>.</summary>
    public static long SubtreeSize(SandboxOptions options, int level)
    {
        long size = 0, width = 1;
        for (var k = level; k <= options.AreaPathDepth; k++)
        {
            size += width;
            width *= options.AreaPathChildren;
        }
        return size;
    }

    public static long NodeIndex(Org org, int p, long local) => p * SubtreeSize(org.Options, 0) + local;

    /// <summary>The tree as the classification nodes API returns it, <paramref name="depth"/> levels of children.</summary>
    public static object? Tree(Org org, Urls urls, int p, int depth) =>
        org.ProjectLive(p) ? Node(org, urls, p, 0, 0, Org.ProjectName(p), $"\\{Org.ProjectName(p)}\\Area", "", depth) : null;

    private static object? Node(Org org, Urls urls, int p, long local, int level, string name, string path, string suffix, int depth)
    {
        var index = NodeIndex(org, p, local);
        if (level > 0 && !org.Live(EntityKind.AreaPath, index))
        {
            return null;
        }

        var children = new List<object>();
        if (level < org.Options.AreaPathDepth && depth > 0)
        {
            var childSize = SubtreeSize(org.Options, level + 1);
            for (var j = 0; j < org.Options.AreaPathChildren; j++)
            {
                var childSuffix = $"{suffix}-{j + 1}";
                var childName = $"Area{childSuffix}";
                if (Node(org, urls, p, local + 1 + j * childSize, level + 1, childName, $"{path}\\{childName}", childSuffix, depth - 1) is { } child)
                {
                    children.Add(child);
                }
            }
        }
        var hasChildren = level < org.Options.AreaPathDepth && org.Options.AreaPathChildren > 0;
        var relative = path.Split('\\', 4).ElementAtOrDefault(3);
        return new
        {
            id = index + 1,
            identifier = org.Id(EntityKind.AreaPath, index),
            name,
            structureType = "area",
            hasChildren,
            path,
            children = children.Count > 0 ? children : null,
            url = $"{urls.Base}/{org.Id(EntityKind.Project, p)}/_apis/wit/classificationNodes/Areas{(relative is null ? "" : "/" + Uri.EscapeDataString(relative).Replace("%5C", "/", StringComparison.Ordinal))}",
            _links = new { self = Urls.Href($"{urls.Base}/{org.Id(EntityKind.Project, p)}/_apis/wit/classificationNodes/Areas") },
        };
    }

    /// <summary>Live nodes of a project (root included), by the same rules as <see cref="Tree"/>.</summary>
    public static long Count(Org org, int p)
    {
        long Walk(long local, int level)
        {
            if (level > 0 && !org.Live(EntityKind.AreaPath, NodeIndex(org, p, local)))
            {
                return 0;
            }

            long n = 1;
            if (level < org.Options.AreaPathDepth)
            {
                var childSize = SubtreeSize(org.Options, level + 1);
                for (var j = 0; j < org.Options.AreaPathChildren; j++)
                {
                    n += Walk(local + 1 + j * childSize, level + 1);
                }
            }
            return n;
        }
        return org.ProjectLive(p) ? Walk(0, 0) : 0;
    }

    /// <summary>Team t owns the first-level area t (the default team owns the root), including children.</summary>
    public static object TeamFieldValues(Org org, Urls urls, int p, int t)
    {
        var project = Org.ProjectName(p);
        var area = t == 0 || org.Options.AreaPathChildren == 0 ? project : $"{project}\\Area-{(t - 1) % org.Options.AreaPathChildren + 1}";
        var self = $"{urls.Base}/{org.Id(EntityKind.Project, p)}/{org.Id(EntityKind.Team, org.TeamIndex(p, t))}/_apis/work/teamsettings/teamfieldvalues";
        return new
        {
            field = new { referenceName = "System.AreaPath", url = $"{urls.Base}/_apis/wit/fields/System.AreaPath" },
            defaultValue = area,
            values = new[] { new { value = area, includeChildren = true } },
            url = self,
            _links = new { self = Urls.Href(self), project = Urls.Href(urls.Project(org.Id(EntityKind.Project, p))) },
        };
    }
}
