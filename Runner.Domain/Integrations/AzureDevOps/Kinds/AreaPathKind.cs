using System.Runtime.CompilerServices;
using System.Text.Json;
using Runner.Domain.Integrations.AzureDevOps.Fetching;
using static Runner.Domain.Integrations.AzureDevOps.Kinds.Parents;

namespace Runner.Domain.Integrations.AzureDevOps.Kinds;

/// <summary>
/// area-path: each project's area classification tree (one unpaged call, <c>$depth</c> levels of children when the
/// selector sets <c>depth</c>), flattened into one object per node without its children, stamped with <c>__project</c>
/// and <c>__parentId</c> (the parent node's identifier; null for the root).
/// </summary>
internal static class AreaPathKind
{
    public static IAsyncEnumerable<RawPage> AreaPathsAsync(FetchScope scope, SelectorOptions selector, CancellationToken ct)
    {
        int? depth = selector.Positive("depth", 0) is > 0 and var levels ? levels : null;
        return FanOut.MergeAsync(scope.Projects.ListAsync(scope, ct), scope.Options.ParallelParents, (project, ct) => OfProjectAsync(scope, project, depth, ct), ct);
    }

    private static async IAsyncEnumerable<RawPage> OfProjectAsync(FetchScope scope, JsonElement project, int? depth, [EnumeratorCancellation] CancellationToken ct)
    {
        using var tree = await scope.ReadAsync(scope.Apis.Wit.GetAreas(Id(project), depth, ct), ct);
        if (tree is null || tree.RootElement.ValueKind != JsonValueKind.Object)
        {
            yield break;
        }
        var page = scope.NewPage();
        var pending = new Stack<(JsonElement Node, JsonElement Parent)>([(tree.RootElement, Null)]);
        while (pending.TryPop(out var next))
        {
            var (node, parent) = next;
            page.AddWithout(node, "children", Context("__project", project), Context("__parentId", parent));
            if (node.TryGetProperty("children", out var children) && children.ValueKind == JsonValueKind.Array)
            {
                var identifier = node.TryGetProperty("identifier", out var id) ? id : Null;
                foreach (var child in children.EnumerateArray().Reverse())
                {
                    pending.Push((child, identifier));
                }
            }
        }
        if (scope.Finish(page) is { } built)
        {
            yield return built;
        }
    }
}
