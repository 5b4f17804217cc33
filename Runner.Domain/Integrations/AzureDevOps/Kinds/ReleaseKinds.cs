using System.Globalization;
using Runner.Domain.Integrations.AzureDevOps.Api;
using Runner.Domain.Integrations.AzureDevOps.Fetching;
using static Runner.Domain.Integrations.AzureDevOps.Kinds.Parents;

namespace Runner.Domain.Integrations.AzureDevOps.Kinds;

/// <summary>
/// release, release-definition and release-deployment, per project on the release host, stamped with <c>__project</c>.
/// An incremental run asks for releases created (<c>minCreatedTime</c>, as Ocean does: the service has no modified
/// filter for releases) and deployments modified (<c>minModifiedTime</c>) since the cursor.
/// </summary>
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
            MinCreatedTime = scope.ChangedSince is { } since ? Time(since) : selector.Text("minCreatedTime"),
            MaxCreatedTime = selector.Text("maxCreatedTime"),
        };
        return FanOut.MergeAsync(scope.Projects.ListAsync(scope, ct), scope.Options.ParallelParents, (project, ct) => StampedAsync(
            scope, scope.ByHeaderTokenAsync((token, c) => scope.Apis.Release.ListReleases(Id(project), scope.Options.PageSize, token, filter, c), ct),
            [Context("__project", project)], ct), ct);
    }

    public static IAsyncEnumerable<RawPage> DeploymentsAsync(FetchScope scope, SelectorOptions selector, CancellationToken ct)
    {
        var since = scope.ChangedSince is { } changed ? Time(changed) : null;
        return FanOut.MergeAsync(scope.Projects.ListAsync(scope, ct), scope.Options.ParallelParents, (project, ct) => StampedAsync(
            scope, scope.ByHeaderTokenAsync((token, c) => scope.Apis.Release.ListDeployments(Id(project), scope.Options.PageSize, token, since, c), ct),
            [Context("__project", project)], ct), ct);
    }

    public static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("o", CultureInfo.InvariantCulture);

    public static IAsyncEnumerable<RawPage> DefinitionsAsync(FetchScope scope, SelectorOptions selector, CancellationToken ct)
    {
        var expand = selector.Text("expand") ?? "environments";
        var tagFilter = selector.Text("tagFilter");
        return FanOut.MergeAsync(scope.Projects.ListAsync(scope, ct), scope.Options.ParallelParents, (project, ct) => StampedAsync(
            scope, scope.ByHeaderTokenAsync((token, c) => scope.Apis.Release.ListDefinitions(Id(project), scope.Options.PageSize, token, expand, tagFilter, c), ct),
            [Context("__project", project)], ct), ct);
    }
}
