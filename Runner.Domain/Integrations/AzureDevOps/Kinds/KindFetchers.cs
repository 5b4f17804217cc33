using Runner.Domain.Integrations.AzureDevOps.Fetching;

namespace Runner.Domain.Integrations.AzureDevOps.Kinds;

internal delegate IAsyncEnumerable<RawPage> KindFetcher(FetchScope scope, SelectorOptions selector, CancellationToken ct);

/// <summary>The fetcher behind each of <see cref="AzureDevOpsIntegration.Kinds"/>.</summary>
internal static class KindFetchers
{
    public static IReadOnlyDictionary<string, KindFetcher> All { get; } = new Dictionary<string, KindFetcher>(StringComparer.Ordinal)
    {
        ["project"] = ProjectKinds.ProjectsAsync,
        ["team"] = ProjectKinds.TeamsAsync,
        ["member"] = ProjectKinds.MembersAsync,
        ["user"] = UserKind.UsersAsync,
        ["repository"] = RepositoryKinds.RepositoriesAsync,
        ["branch"] = RepositoryKinds.BranchesAsync,
        ["repository-policy"] = RepositoryKinds.PoliciesAsync,
        ["pull-request"] = PullRequestKind.PullRequestsAsync,
        ["pipeline"] = PipelineKinds.PipelinesAsync,
        ["pipeline-run"] = PipelineKinds.RunsAsync,
        ["build"] = PipelineKinds.BuildsAsync,
        ["release"] = ReleaseKinds.ReleasesAsync,
        ["release-definition"] = ReleaseKinds.DefinitionsAsync,
        ["work-item"] = WorkItemKind.WorkItemsAsync,
        ["board"] = BoardKinds.BoardsAsync,
        ["column"] = BoardKinds.ColumnsAsync,
        ["iteration"] = BoardKinds.IterationsAsync,
    };
}
