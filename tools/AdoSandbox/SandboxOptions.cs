using System.Net;

namespace Runner.Tools.AdoSandbox;

/// <summary>
/// Shape and behaviour of the simulated organization. Entity counts are read on every request, so a host may
/// change them (or <see cref="DeletedFraction"/>) between two resyncs to simulate a changed organization.
/// </summary>
public sealed class SandboxOptions
{
    public const string SectionName = "Sandbox";

    public string Organization { get; set; } = "sandbox";
    public string Pat { get; set; } = "sandbox-pat";

    /// <summary>Loopback address Kestrel binds to when hosted in-process; port 0 picks a free port.</summary>
    public string ListenAddress { get; set; } = IPAddress.Loopback.ToString();
    public int Port { get; set; }

    public int Seed { get; set; } = 1;

    /// <summary>Dates are spread backwards from here; null means the start of the current UTC day, so
    /// "closed in the last N days" filters keep matching while the data stays stable within a day.</summary>
    public DateTimeOffset? Anchor { get; set; }

    /// <summary>Fraction (0..1) of objects hidden, chosen by a hash of (seed, kind, index): the same objects
    /// disappear on every run, and raising the fraction only ever hides more.</summary>
    public double DeletedFraction { get; set; }

    public int Projects { get; set; } = 3;
    public int TeamsPerProject { get; set; } = 2;
    public int MembersPerTeam { get; set; } = 3;
    public int Users { get; set; } = 10;
    public int ReposPerProject { get; set; } = 3;
    public int BranchesPerRepo { get; set; } = 3;
    public int PoliciesPerRepo { get; set; } = 2;
    public int PullRequestsPerRepo { get; set; } = 4;
    public int PipelinesPerProject { get; set; } = 2;
    public int RunsPerPipeline { get; set; } = 3;
    public int BuildsPerProject { get; set; } = 5;
    public int ReleaseDefinitionsPerProject { get; set; } = 2;
    public int ReleasesPerDefinition { get; set; } = 3;
    public int WorkItemsPerProject { get; set; } = 50;
    public int IterationsPerTeam { get; set; } = 3;
    public int BoardsPerTeam { get; set; } = 3;
    public int ColumnsPerBoard { get; set; } = 4;
    public int StagesPerBuild { get; set; } = 2;
    public int EnvironmentsPerProject { get; set; } = 2;
    public int DeploymentsPerEnvironment { get; set; } = 2;

    /// <summary>Deployments of each release, one per stage (Dev, QA, Prod), so at most 3.</summary>
    public int DeploymentsPerRelease { get; set; } = 2;

    /// <summary>Area paths: children per node and levels below the project's root area.</summary>
    public int AreaPathChildren { get; set; } = 2;
    public int AreaPathDepth { get; set; } = 2;
    public int GroupsPerProject { get; set; } = 2;
    public int MembersPerGroup { get; set; } = 2;
    public int TestRunsPerProject { get; set; } = 2;
    public int ResultsPerTestRun { get; set; } = 3;

    /// <summary>Advanced Security alerts per repository; every third repository has Advanced Security off.</summary>
    public int AlertsPerRepo { get; set; } = 2;
    public int WikiPagesPerWiki { get; set; } = 3;

    /// <summary>When true the sandbox behaves like the cloud's area hosts: a request whose host starts with
    /// <c>vsrm.</c>, <c>vssps.</c>, <c>vsaex.</c> or <c>advsec.</c> only reaches that area, and service hook
    /// subscriptions are kept per host. False (default): every area on one host, like Azure DevOps Server.</summary>
    public bool AreaHosts { get; set; }

    /// <summary>Page size used when a paged list is called without <c>$top</c>.</summary>
    public int DefaultPageSize { get; set; } = 100;

    /// <summary>Largest page the server returns whatever <c>$top</c> asks; lower it to force many pages.</summary>
    public int MaxPageSize { get; set; } = 1000;

    /// <summary>WIQL result limit (VS402337); the real service allows 20,000.</summary>
    public int WiqlResultLimit { get; set; } = 20_000;

    /// <summary>Most ids one workitemsbatch / workitems call accepts (VS403474).</summary>
    public int WorkItemBatchLimit { get; set; } = 200;

    /// <summary>When true a bad PAT without <c>X-TFS-FedAuthRedirect: Suppress</c> gets the 203 HTML sign-in
    /// page, as the real service does; false answers 401 so naive tests fail loudly.</summary>
    public bool SignInPageOnBadPat { get; set; }

    public int RequestLogCapacity { get; set; } = 10_000;

    /// <summary>Fails at start-up on settings that would make the generated data inconsistent.</summary>
    public void Validate()
    {
        int[] counts =
        [
            Projects, TeamsPerProject, MembersPerTeam, Users, ReposPerProject, BranchesPerRepo, PoliciesPerRepo,
            PullRequestsPerRepo, PipelinesPerProject, RunsPerPipeline, BuildsPerProject, ReleaseDefinitionsPerProject,
            ReleasesPerDefinition, WorkItemsPerProject, IterationsPerTeam, BoardsPerTeam, ColumnsPerBoard, StagesPerBuild,
            EnvironmentsPerProject, DeploymentsPerEnvironment, DeploymentsPerRelease, AreaPathChildren, AreaPathDepth,
            GroupsPerProject, MembersPerGroup, TestRunsPerProject, ResultsPerTestRun, AlertsPerRepo, WikiPagesPerWiki,
        ];
        if (counts.Any(count => count < 0))
        {
            throw new ArgumentException("Sandbox entity counts must not be negative.");
        }
        if (MembersPerTeam > Users || MembersPerGroup > Users)
        {
            throw new ArgumentException("MembersPerTeam and MembersPerGroup must not exceed Users: members are distinct users.");
        }
        if (DeploymentsPerRelease > 3)
        {
            throw new ArgumentException("DeploymentsPerRelease must not exceed 3: one deployment per stage.");
        }
        if (AreaPathDepth > 6)
        {
            throw new ArgumentException("AreaPathDepth must not exceed 6.");
        }
        if (DeletedFraction is < 0 or > 1)
        {
            throw new ArgumentException("DeletedFraction must be between 0 and 1.");
        }
        if (DefaultPageSize < 1 || MaxPageSize < 1 || WorkItemBatchLimit < 1 || WiqlResultLimit < 1)
        {
            throw new ArgumentException("Page sizes and limits must be positive.");
        }
        if (string.IsNullOrWhiteSpace(Organization) || string.IsNullOrEmpty(Pat))
        {
            throw new ArgumentException("Organization and Pat are required.");
        }
    }
}
