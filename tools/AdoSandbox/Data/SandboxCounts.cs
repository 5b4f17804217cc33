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

    public static IReadOnlyList<string> All { get; } =
    [
        Project, Team, Member, User, Repository, Branch, RepositoryPolicy, PullRequest, Pipeline, PipelineRun, Build,
        Release, ReleaseDefinition, WorkItem, Board, Column, Iteration,
    ];
}

/// <summary>
/// Exact number of visible objects per kind for given options (deletions and hidden parents included), by the
/// same liveness rules the endpoints use. Walks the index space once, allocating nothing per entity.
/// </summary>
public static class SandboxCounts
{
    public static IReadOnlyDictionary<string, long> Compute(SandboxOptions options)
    {
        var org = new Org(options);
        var o = options;
        var counts = SandboxKinds.All.ToDictionary(kind => kind, _ => 0L);
        void Add(string kind, long n) => counts[kind] += n;

        Add(SandboxKinds.User, Enumerable.Range(0, o.Users).Count(org.UserLive));
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
            Add(SandboxKinds.Build, Children(org, EntityKind.Build, p, o.BuildsPerProject));
            for (var d = 0; d < o.ReleaseDefinitionsPerProject; d++)
            {
                if (!org.ReleaseDefinitionLive(p, d))
                {
                    continue;
                }
                Add(SandboxKinds.ReleaseDefinition, 1);
                Add(SandboxKinds.Release, Children(org, EntityKind.Release, org.ReleaseDefinitionIndex(p, d), o.ReleasesPerDefinition));
            }
            Add(SandboxKinds.WorkItem, Children(org, EntityKind.WorkItem, p, o.WorkItemsPerProject));
        }
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
