using System.Globalization;

namespace Runner.Tools.AdoSandbox.Data;

/// <summary>A kind whose objects the touch control call can advance: its index space, liveness and public id.</summary>
internal sealed record TouchKind(EntityKind Entity, Func<Org, long> Count, Func<Org, long, bool> Live, Func<Org, long, string> Id);

/// <summary>The incremental kinds the touch call serves, and how it spreads N touches over a kind.</summary>
internal static class Touchable
{
    private static string N(long n) => n.ToString(CultureInfo.InvariantCulture);
    private static long Per(long a, long b) => b == 0 ? 0 : a / b;

    public static readonly IReadOnlyDictionary<string, TouchKind> Kinds = new Dictionary<string, TouchKind>(StringComparer.Ordinal)
    {
        [SandboxKinds.WorkItem] = new(EntityKind.WorkItem, org => org.WorkItemCount, (org, i) => org.WorkItemLive(i + 1, out _), (_, i) => N(i + 1)),
        [SandboxKinds.Build] = new(
            EntityKind.Build,
            org => (long)org.Options.Projects * org.Options.BuildsPerProject,
            (org, i) => org.ProjectLive((int)Per(i, org.Options.BuildsPerProject)) && org.Live(EntityKind.Build, i),
            (_, i) => N(i + 1)),
        [SandboxKinds.Release] = new(
            EntityKind.Release,
            org => (long)org.Options.Projects * ReleasesPerProject(org),
            ReleaseLive,
            (org, i) => $"{Org.ProjectName((int)Per(i, ReleasesPerProject(org)))}/{i % ReleasesPerProject(org) + 1}"),
        [SandboxKinds.ReleaseDeployment] = new(
            EntityKind.ReleaseDeployment,
            org => (long)org.Options.Projects * ReleasesPerProject(org) * org.Options.DeploymentsPerRelease,
            (org, i) => ReleaseLive(org, Per(i, org.Options.DeploymentsPerRelease)) && org.Live(EntityKind.ReleaseDeployment, i),
            (org, i) => $"{Org.ProjectName((int)Per(i, ReleasesPerProject(org) * org.Options.DeploymentsPerRelease))}/{i + 1}"),
        [SandboxKinds.TestRun] = new(
            EntityKind.TestRun,
            org => (long)org.Options.Projects * org.Options.TestRunsPerProject,
            (org, i) => TestRunData.Live(org, (int)Per(i, org.Options.TestRunsPerProject), (int)(i % Math.Max(1, org.Options.TestRunsPerProject))),
            (_, i) => N(i + 1)),
        [SandboxKinds.AdvancedSecurityAlert] = new(
            EntityKind.Alert,
            org => (long)org.Options.Projects * org.Options.ReposPerProject * org.Options.AlertsPerRepo,
            (org, i) =>
            {
                var repo = Per(i, org.Options.AlertsPerRepo);
                var (p, r) = ((int)Per(repo, org.Options.ReposPerProject), (int)(repo % Math.Max(1, org.Options.ReposPerProject)));
                return org.RepoLive(p, r) && AlertData.Enabled(r) && org.Live(EntityKind.Alert, i);
            },
            (_, i) => N(i + 1)),
    };

    private static long ReleasesPerProject(Org org) => (long)org.Options.ReleaseDefinitionsPerProject * org.Options.ReleasesPerDefinition;

    private static bool ReleaseLive(Org org, long i)
    {
        var perProject = ReleasesPerProject(org);
        var p = (int)Per(i, perProject);
        var d = (int)Per(i % Math.Max(1, perProject), org.Options.ReleasesPerDefinition);
        return org.ProjectLive(p) && org.ReleaseDefinitionLive(p, d) && org.Live(EntityKind.Release, i);
    }

    /// <summary>Up to <paramref name="count"/> live objects spread evenly over the kind (so a 1 % touch hits every
    /// project), then filled from the start if the stride skipped hidden ones.</summary>
    public static List<(long Index, string Id)> Pick(Org org, TouchKind kind, int count)
    {
        var total = kind.Count(org);
        var stride = Math.Max(1, total / count);
        var picked = new List<(long, string)>();
        var seen = new HashSet<long>();
        for (var pass = 0; pass < 2 && picked.Count < count; pass++)
        {
            for (var i = 0L; i < total && picked.Count < count; i += pass == 0 ? stride : 1)
            {
                if (kind.Live(org, i) && seen.Add(i))
                {
                    picked.Add((i, kind.Id(org, i)));
                }
            }
        }
        return picked;
    }
}
