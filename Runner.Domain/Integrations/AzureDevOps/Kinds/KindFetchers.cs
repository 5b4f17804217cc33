using Runner.Domain.Integrations.AzureDevOps.Fetching;

namespace Runner.Domain.Integrations.AzureDevOps.Kinds;

internal delegate IAsyncEnumerable<RawPage> KindFetcher(FetchScope scope, SelectorOptions selector, CancellationToken ct);

/// <summary>The fetcher behind each Azure DevOps kind.</summary>
internal static class KindFetchers
{
    // In the order the wizard lists them; the integration's kind list is read from here.
    private static readonly (string Kind, KindFetcher Fetch)[] Ordered =
    [
        ("project", ProjectKinds.ProjectsAsync),
        ("team", ProjectKinds.TeamsAsync),
        ("member", ProjectKinds.MembersAsync),
        ("user", UserKind.UsersAsync),
        ("repository", RepositoryKinds.RepositoriesAsync),
        ("branch", RepositoryKinds.BranchesAsync),
        ("repository-policy", RepositoryKinds.PoliciesAsync),
        ("pull-request", PullRequestKind.PullRequestsAsync),
        ("pipeline", PipelineKinds.PipelinesAsync),
        ("pipeline-run", PipelineKinds.RunsAsync),
        ("build", PipelineKinds.BuildsAsync),
        ("release", ReleaseKinds.ReleasesAsync),
        ("release-definition", ReleaseKinds.DefinitionsAsync),
        ("work-item", WorkItemKind.WorkItemsAsync),
        ("board", BoardKinds.BoardsAsync),
        ("column", BoardKinds.ColumnsAsync),
        ("iteration", BoardKinds.IterationsAsync),
    ];

    public static IReadOnlyList<string> Kinds { get; } = [.. Ordered.Select(k => k.Kind)];

    public static IReadOnlyDictionary<string, KindFetcher> All { get; } = Ordered.ToDictionary(k => k.Kind, k => k.Fetch, StringComparer.Ordinal);
}
