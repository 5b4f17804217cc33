using Runner.Domain.Integrations.AzureDevOps.Fetching;

namespace Runner.Domain.Integrations.AzureDevOps.Kinds;

internal delegate IAsyncEnumerable<RawPage> KindFetcher(FetchScope scope, SelectorOptions selector, CancellationToken ct);

/// <summary>
/// One Azure DevOps kind: its fetcher, the selector options it reads (besides <c>query</c>), and whether it can
/// fetch only what changed since a cursor (an incremental run).
/// </summary>
internal sealed record AzureDevOpsKind(string Name, KindFetcher Fetch, IReadOnlyList<string> Options, bool Incremental = false);

/// <summary>Every kind Runner fetches, in the order the wizard lists them; the integration's kind list is read from here.</summary>
internal static class AzureDevOpsKinds
{
    public static IReadOnlyList<AzureDevOpsKind> All { get; } =
    [
        new("project", ProjectKinds.ProjectsAsync, ["defaultTeam"]),
        new("team", ProjectKinds.TeamsAsync, ["includeMembers", "includeAreaPaths"]),
        new("member", ProjectKinds.MembersAsync, []),
        new("user", UserKind.UsersAsync, ["source", "subjectTypes", "includeGroupMemberships", "includeFields", "apiVersion"]),
        new("group", GroupKinds.GroupsAsync, []),
        new("group-member", GroupKinds.MembersAsync, []),
        new("area-path", AreaPathKind.AreaPathsAsync, ["depth"]),
        new("repository", RepositoryKinds.RepositoriesAsync, ["includedFiles"]),
        new("branch", RepositoryKinds.BranchesAsync, []),
        new("repository-policy", RepositoryKinds.PoliciesAsync, []),
        new("pull-request", PullRequestKind.PullRequestsAsync, ["minTimeInDays", "maxResults"]),
        new("file", FileKinds.FilesAsync, ["files"]),
        new("folder", FileKinds.FoldersAsync, ["folders", "project_name"]),
        new("advanced-security-alert", AlertKind.AlertsAsync, ["criteria"], Incremental: true),
        new("pipeline", PipelineKinds.PipelinesAsync, ["includeRepo"]),
        new("pipeline-run", PipelineKinds.RunsAsync, [], Incremental: true),
        new("build", PipelineKinds.BuildsAsync, ["enrichWithFirstCommit"], Incremental: true),
        new("pipeline-stage", PipelineKinds.StagesAsync, []),
        new("environment", DeploymentKinds.EnvironmentsAsync, []),
        new("pipeline-deployment", DeploymentKinds.PipelineDeploymentsAsync, []),
        new("release-definition", ReleaseKinds.DefinitionsAsync, ["expand", "tagFilter"]),
        new("release", ReleaseKinds.ReleasesAsync, ["expand", "statusFilter", "tagFilter", "sourceBranchFilter", "minCreatedTime", "maxCreatedTime"], Incremental: true),
        new("release-deployment", ReleaseKinds.DeploymentsAsync, [], Incremental: true),
        new("test-run", TestRunKind.TestRunsAsync, ["includeResults", "codeCoverage"], Incremental: true),
        new("work-item", WorkItemKind.WorkItemsAsync, ["wiql", "expand"], Incremental: true),
        new("board", BoardKinds.BoardsAsync, []),
        new("column", BoardKinds.ColumnsAsync, []),
        new("iteration", BoardKinds.IterationsAsync, []),
        new("wiki", WikiKind.WikisAsync, ["wikiType", "includeContent", "apiVersion"]),
    ];

    public static IReadOnlyDictionary<string, AzureDevOpsKind> ByName { get; } = All.ToDictionary(k => k.Name, StringComparer.Ordinal);
}
