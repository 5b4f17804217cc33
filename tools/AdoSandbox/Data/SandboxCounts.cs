namespace Runner.Tools.AdoSandbox.Data;

/// <summary>Kind names as the catalog (and Ocean) call them.</summary>
public static class SandboxKinds
{
    public const string Project = "project";
    public const string Team = "team";
    public const string Member = "member";
    public const string User = "user";
    public const string Repository = "repository";
    public const string Branch = "branch";
    public const string RepositoryPolicy = "repository-policy";
    public const string PullRequest = "pull-request";
    public const string Pipeline = "pipeline";
    public const string PipelineRun = "pipeline-run";
    public const string Build = "build";
    public const string Release = "release";
    public const string ReleaseDefinition = "release-definition";
    public const string WorkItem = "work-item";
    public const string Board = "board";
    public const string Column = "column";
    public const string Iteration = "iteration";
    public const string PipelineStage = "pipeline-stage";
    public const string PipelineDeployment = "pipeline-deployment";
    public const string Environment = "environment";
    public const string ReleaseDeployment = "release-deployment";
    public const string AreaPath = "area-path";
    public const string Group = "group";
    public const string GroupMember = "group-member";
    public const string TestRun = "test-run";
    public const string File = "file";
    public const string Folder = "folder";
    public const string AdvancedSecurityAlert = "advanced-security-alert";
    public const string Wiki = "wiki";

    public static IReadOnlyList<string> All { get; } =
    [
        Project, Team, Member, User, Repository, Branch, RepositoryPolicy, PullRequest, Pipeline, PipelineRun, Build,
        Release, ReleaseDefinition, WorkItem, Board, Column, Iteration, PipelineStage, PipelineDeployment, Environment,
        ReleaseDeployment, AreaPath, Group, GroupMember, TestRun, File, Folder, AdvancedSecurityAlert, Wiki,
    ];
}

/// <summary>
/// Exact number of visible objects per kind for given options (deletions and hidden parents included), by the
/// same liveness rules the endpoints use. Walks the index space once, allocating nothing per entity. "file" and
/// "folder" count the default branch's files and folders (root excluded); "wiki" counts wiki pages.
/// </summary>
public static class SandboxCounts
{
    public static IReadOnlyDictionary<string, long> Compute(SandboxOptions options) => Compute(options, OrgState.None);

    internal static IReadOnlyDictionary<string, long> Compute(SandboxOptions options, OrgState state)
    {
        var org = new Org(options, state);
        var o = options;
        var counts = SandboxKinds.All.ToDictionary(kind => kind, _ => 0L);
        void Add(string kind, long n) => counts[kind] += n;

        Add(SandboxKinds.User, Enumerable.Range(0, o.Users).Count(org.UserLive));
        for (var g = 0L; g < GroupData.Count(org); g++)
        {
            if (!GroupData.Live(org, g))
            {
                continue;
            }

            Add(SandboxKinds.Group, 1);
            Add(SandboxKinds.GroupMember, GroupData.Members(org, g).Count());
        }
        for (var p = 0; p < o.Projects; p++)
        {
            if (!org.ProjectLive(p))
            {
                continue;
            }
            Add(SandboxKinds.Project, 1);
            for (var t = 0; t < o.TeamsPerProject; t++)
            {
                if (!org.TeamLive(p, t))
                {
                    continue;
                }
                var team = org.TeamIndex(p, t);
                Add(SandboxKinds.Team, 1);
                Add(SandboxKinds.Member, Enumerable.Range(0, o.MembersPerTeam).Count(m => org.UserLive(org.MemberUser(team, m))));
                var boards = Enumerable.Range(0, o.BoardsPerTeam).Count(b => org.Live(EntityKind.Board, org.BoardIndex(team, b)));
                Add(SandboxKinds.Board, boards);
                Add(SandboxKinds.Column, (long)boards * o.ColumnsPerBoard);
                Add(SandboxKinds.Iteration, Enumerable.Range(0, o.IterationsPerTeam).Count(i => org.Live(EntityKind.Iteration, org.IterationIndex(team, i))));
            }
            for (var r = 0; r < o.ReposPerProject; r++)
            {
                if (!org.RepoLive(p, r))
                {
                    continue;
                }
                var repo = org.RepoIndex(p, r);
                Add(SandboxKinds.Repository, 1);
                Add(SandboxKinds.Branch, Enumerable.Range(0, o.BranchesPerRepo).Count(b => org.BranchLive(repo, b)));
                Add(SandboxKinds.RepositoryPolicy, Children(org, EntityKind.Policy, repo, o.PoliciesPerRepo));
                Add(SandboxKinds.PullRequest, Children(org, EntityKind.PullRequest, repo, o.PullRequestsPerRepo));
                Add(SandboxKinds.Branch, state.PushedBranches(repo).Count(branch => !branch.Deleted));
                if (o.BranchesPerRepo > 0)
                {
                    var tree = RepoTree.Entries(p, r, Org.BranchName(0));
                    Add(SandboxKinds.File, tree.Count(entry => !entry.IsFolder));
                    Add(SandboxKinds.Folder, tree.Count(entry => entry.IsFolder && entry.Path != "/"));
                }
                if (AlertData.Enabled(r))
                {
                    Add(SandboxKinds.AdvancedSecurityAlert, Children(org, EntityKind.Alert, repo, o.AlertsPerRepo));
                }
            }
            for (var i = 0; i < o.PipelinesPerProject; i++)
            {
                if (!org.PipelineLive(p, i))
                {
                    continue;
                }
                Add(SandboxKinds.Pipeline, 1);
                Add(SandboxKinds.PipelineRun, Children(org, EntityKind.PipelineRun, org.PipelineIndex(p, i), o.RunsPerPipeline));
            }
            var builds = Children(org, EntityKind.Build, p, o.BuildsPerProject);
            Add(SandboxKinds.Build, builds);
            Add(SandboxKinds.PipelineStage, builds * o.StagesPerBuild);
            for (var e = 0; e < o.EnvironmentsPerProject; e++)
            {
                if (!EnvironmentData.Live(org, p, e))
                {
                    continue;
                }

                Add(SandboxKinds.Environment, 1);
                Add(SandboxKinds.PipelineDeployment, Children(org, EntityKind.EnvironmentDeployment, EnvironmentData.Index(org, p, e), o.DeploymentsPerEnvironment));
            }
            Add(SandboxKinds.AreaPath, AreaPathData.Count(org, p));
            Add(SandboxKinds.TestRun, Enumerable.Range(0, o.TestRunsPerProject).Count(r => TestRunData.Live(org, p, r)));
            for (var w = 0; w < WikiData.WikisPerProject; w++)
            {
                if (WikiData.Live(org, p, w))
                {
                    Add(SandboxKinds.Wiki, Enumerable.Range(0, o.WikiPagesPerWiki).Count(k => WikiData.PageLive(org, p, w, k)));
                }
            }
            for (var d = 0; d < o.ReleaseDefinitionsPerProject; d++)
            {
                if (!org.ReleaseDefinitionLive(p, d))
                {
                    continue;
                }
                Add(SandboxKinds.ReleaseDefinition, 1);
                Add(SandboxKinds.Release, Children(org, EntityKind.Release, org.ReleaseDefinitionIndex(p, d), o.ReleasesPerDefinition));
                for (var i = 0; i < o.ReleasesPerDefinition; i++)
                {
                    var release = org.ReleaseDefinitionIndex(p, d) * o.ReleasesPerDefinition + i;
                    if (org.Live(EntityKind.Release, release))
                    {
                        Add(SandboxKinds.ReleaseDeployment, Children(org, EntityKind.ReleaseDeployment, release, o.DeploymentsPerRelease));
                    }
                }
            }
            Add(SandboxKinds.WorkItem, Children(org, EntityKind.WorkItem, p, o.WorkItemsPerProject));
        }
        Add(SandboxKinds.WorkItem, state.CreatedWorkItems().Count(item => org.WorkItemLive(item.Id, out _)));
        Add(SandboxKinds.PullRequest, state.CreatedPullRequests().Count(pr => org.RepoLive(pr.Project, pr.Repo) && org.Live(EntityKind.PullRequest, pr.Id - 1)));
        return counts;
    }

    /// <summary>Visible children c of a parent, whose global index is parent * perParent + c.</summary>
    internal static long Children(Org org, EntityKind kind, long parent, int perParent)
    {
        long live = 0;
        for (var c = 0; c < perParent; c++)
        {
            if (org.Live(kind, parent * perParent + c))
            {
                live++;
            }
        }
        return live;
    }
}
