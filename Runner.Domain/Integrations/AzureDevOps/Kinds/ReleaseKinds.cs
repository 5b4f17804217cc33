using Runner.Domain.Integrations.AzureDevOps.Api;
using Runner.Domain.Integrations.AzureDevOps.Fetching;
using static Runner.Domain.Integrations.AzureDevOps.Kinds.Parents;

namespace Runner.Domain.Integrations.AzureDevOps.Kinds;

/// <summary>release and release-definition, per project on the release host, stamped with <c>__project</c>.</summary>
internal static class ReleaseKinds
{
    public static IAsyncEnumerable<RawPage> ReleasesAsync(FetchScope scope, SelectorOptions selector, CancellationToken ct)
    {
        var filter = new ReleaseFilter
        {
            Expand = selector.Text("expand"),
            StatusFilter = selector.Text("statusFilter"),
            TagFilter = selector.Text("tagFilter"),
            SourceBranchFilter = selector.Text("sourceBranchFilter"),
            MinCreatedTime = selector.Text("minCreatedTime"),
            MaxCreatedTime = selector.Text("maxCreatedTime"),
        };
        return FanOut.MergeAsync(scope.Projects.ListAsync(scope, ct), scope.Options.ParallelParents, (project, ct) => StampedAsync(
            scope, scope.ByHeaderTokenAsync((token, c) => scope.Apis.Release.ListReleases(Id(project), scope.Options.PageSize, token, filter, c), ct),
            [Context("__project", project)], ct), ct);
    }

    public static IAsyncEnumerable<RawPage> DefinitionsAsync(FetchScope scope, SelectorOptions selector, CancellationToken ct)
    {
        var expand = selector.Text("expand") ?? "environments";
        var tagFilter = selector.Text("tagFilter");
        return FanOut.MergeAsync(scope.Projects.ListAsync(scope, ct), scope.Options.ParallelParents, (project, ct) => StampedAsync(
            scope, scope.ByHeaderTokenAsync((token, c) => scope.Apis.Release.ListDefinitions(Id(project), scope.Options.PageSize, token, expand, tagFilter, c), ct),
            [Context("__project", project)], ct), ct);
    }
}
