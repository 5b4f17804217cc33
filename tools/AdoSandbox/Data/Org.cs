using System.Globalization;

namespace Runner.Tools.AdoSandbox.Data;

/// <summary>
/// Index arithmetic of the simulated organization: every entity is (parent index, ordinal) and its
/// "global" index is parent * perParent + ordinal. Nothing is stored; everything is recomputed per call.
/// </summary>
internal sealed class Org(SandboxOptions options, OrgState state)
{
    // Deletion draws from its own hash stream so hidden objects don't correlate with generated values.
    private const int DeletionSalt = 0x5EED_DE1;

    public SandboxOptions Options { get; } = options;
    public OrgState State { get; } = state;
    public int Seed => Options.Seed;

    public DateTime Anchor => (Options.Anchor ?? new DateTimeOffset(DateTime.UtcNow.Date, TimeSpan.Zero)).UtcDateTime;

    public bool Live(EntityKind kind, long index) =>
        (Options.DeletedFraction <= 0 || Deterministic.Unit(Seed ^ DeletionSalt, kind, index) >= Options.DeletedFraction)
        && !State.IsDeleted(kind, index);

    /// <summary>The generated time, or the time of the object's last change through the control API.</summary>
    public DateTime Changed(EntityKind kind, long index, DateTime generated) => State.Changed(kind, index, generated);

    public Guid Id(EntityKind kind, long index) => Deterministic.Id(Seed, kind, index);
    public double Unit(EntityKind kind, long index) => Deterministic.Unit(Seed, kind, index);

    /// <summary>A UTC instant up to <paramref name="maxDays"/> before the anchor; "Z" on the wire like ADO.</summary>
    public DateTime Before(EntityKind kind, long index, double maxDays) =>
        DateTime.SpecifyKind(Anchor.AddDays(-Unit(kind, index) * maxDays), DateTimeKind.Utc);

    public bool ProjectLive(int p) => p >= 0 && p < Options.Projects && Live(EntityKind.Project, p);
    public static string ProjectName(int p) => $"Project-{p + 1:D4}";

    public bool TryFindProject(string idOrName, out int p)
    {
        p = -1;
        if (Guid.TryParse(idOrName, out var id))
        {
            if (Deterministic.TryIndex(Seed, EntityKind.Project, id, out var index) && index < int.MaxValue)
            {
                p = (int)index;
            }
        }
        else if (idOrName.StartsWith("Project-", StringComparison.OrdinalIgnoreCase)
                 && int.TryParse(idOrName.AsSpan(8), NumberStyles.None, CultureInfo.InvariantCulture, out var n))
        {
            p = n - 1;
        }
        return ProjectLive(p);
    }

    public long TeamIndex(int p, int t) => (long)p * Options.TeamsPerProject + t;
    public bool TeamLive(int p, int t) => ProjectLive(p) && t >= 0 && t < Options.TeamsPerProject && Live(EntityKind.Team, TeamIndex(p, t));
    public static string TeamName(int p, int t) => t == 0 ? $"{ProjectName(p)} Team" : $"Team-{t + 1:D2}";

    public bool TryFindTeam(int p, string idOrName, out int t)
    {
        t = -1;
        if (Guid.TryParse(idOrName, out var id))
        {
            if (Deterministic.TryIndex(Seed, EntityKind.Team, id, out var index) && index / Math.Max(1, Options.TeamsPerProject) == p)
            {
                t = (int)(index - TeamIndex(p, 0));
            }
        }
        else if (string.Equals(idOrName, TeamName(p, 0), StringComparison.OrdinalIgnoreCase))
        {
            t = 0;
        }
        else if (idOrName.StartsWith("Team-", StringComparison.OrdinalIgnoreCase)
                 && int.TryParse(idOrName.AsSpan(5), NumberStyles.None, CultureInfo.InvariantCulture, out var n))
        {
            t = n - 1;
        }
        return TeamLive(p, t);
    }

    public bool UserLive(int u) => u >= 0 && u < Options.Users && Live(EntityKind.User, u);

    /// <summary>Consecutive members of a team are distinct users as long as MembersPerTeam ≤ Users.</summary>
    public int MemberUser(long teamIndex, int m) => (int)((teamIndex * 7 + m) % Math.Max(1, Options.Users));

    public long RepoIndex(int p, int r) => (long)p * Options.ReposPerProject + r;
    public bool RepoLive(int p, int r) => ProjectLive(p) && r >= 0 && r < Options.ReposPerProject && Live(EntityKind.Repository, RepoIndex(p, r));
    public static string RepoName(int r) => $"repo-{r + 1:D3}";

    public bool TryFindRepo(int p, string idOrName, out int r)
    {
        r = -1;
        if (Guid.TryParse(idOrName, out var id))
        {
            if (Deterministic.TryIndex(Seed, EntityKind.Repository, id, out var index) && index / Math.Max(1, Options.ReposPerProject) == p)
            {
                r = (int)(index - RepoIndex(p, 0));
            }
        }
        else if (idOrName.StartsWith("repo-", StringComparison.OrdinalIgnoreCase)
                 && int.TryParse(idOrName.AsSpan(5), NumberStyles.None, CultureInfo.InvariantCulture, out var n))
        {
            r = n - 1;
        }
        return RepoLive(p, r);
    }

    /// <summary>The default branch can't be deleted in ADO, so it never disappears here either.</summary>
    public bool BranchLive(long repoIndex, int b) => b == 0 || Live(EntityKind.Branch, repoIndex * Options.BranchesPerRepo + b);
    public long BranchIndex(long repoIndex, int b) => repoIndex * Options.BranchesPerRepo + b;
    public static string BranchName(int b) => b == 0 ? "refs/heads/main" : $"refs/heads/feature/work-{b:D3}";

    public long PipelineIndex(int p, int i) => (long)p * Options.PipelinesPerProject + i;
    public bool PipelineLive(int p, int i) => ProjectLive(p) && i >= 0 && i < Options.PipelinesPerProject && Live(EntityKind.Pipeline, PipelineIndex(p, i));

    public long ReleaseDefinitionIndex(int p, int d) => (long)p * Options.ReleaseDefinitionsPerProject + d;
    public bool ReleaseDefinitionLive(int p, int d) =>
        ProjectLive(p) && d >= 0 && d < Options.ReleaseDefinitionsPerProject && Live(EntityKind.ReleaseDefinition, ReleaseDefinitionIndex(p, d));

    public long WorkItemCount => (long)Options.Projects * Options.WorkItemsPerProject;

    /// <summary>Work item ids are org-wide and contiguous per project: project p owns (p*N, (p+1)*N].</summary>
    public bool WorkItemLive(long id, out int p)
    {
        if (id > WorkItemCount && State.CreatedWorkItem(id) is { } created)
        {
            p = created.Project;
            return ProjectLive(p) && Live(EntityKind.WorkItem, id - 1);
        }
        p = Options.WorkItemsPerProject <= 0 ? -1 : (int)((id - 1) / Options.WorkItemsPerProject);
        return id >= 1 && id <= WorkItemCount && ProjectLive(p) && Live(EntityKind.WorkItem, id - 1);
    }

    public long BoardIndex(long teamIndex, int b) => teamIndex * Options.BoardsPerTeam + b;
    public long IterationIndex(long teamIndex, int i) => teamIndex * Options.IterationsPerTeam + i;
}
