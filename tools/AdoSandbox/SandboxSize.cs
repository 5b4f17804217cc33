namespace Runner.Tools.AdoSandbox;

/// <summary>Presets for the standalone server; explicit <c>Sandbox:*</c> settings override them.</summary>
public enum SandboxSize
{
    Small,
    Medium,
    Large,

    /// <summary>What <c>./run.sh --demo</c> serves: the small organization named "demo", with cloud-like area hosts.</summary>
    Demo,
}

public static class SandboxSizes
{
    /// <summary>The <c>Sandbox:Size</c> preset with every other <c>Sandbox:*</c> setting bound on top of it.</summary>
    public static SandboxOptions FromConfiguration(IConfiguration configuration)
    {
        var options = Create(configuration.GetValue($"{SandboxOptions.SectionName}:Size", SandboxSize.Small));
        configuration.GetSection(SandboxOptions.SectionName).Bind(options);
        return options;
    }

    public static SandboxOptions Create(SandboxSize size) => size switch
    {
        SandboxSize.Small => new SandboxOptions(),
        SandboxSize.Medium => new SandboxOptions
        {
            Projects = 10, Users = 200, ReposPerProject = 10, BranchesPerRepo = 10, PullRequestsPerRepo = 20,
            PipelinesPerProject = 10, RunsPerPipeline = 20, BuildsPerProject = 200, WorkItemsPerProject = 2_000,
            TeamsPerProject = 5, MembersPerTeam = 10, ReleaseDefinitionsPerProject = 5, ReleasesPerDefinition = 20,
        },
        SandboxSize.Large => new SandboxOptions
        {
            Projects = 50, Users = 2_000, ReposPerProject = 20, BranchesPerRepo = 20, PullRequestsPerRepo = 50,
            PipelinesPerProject = 20, RunsPerPipeline = 50, BuildsPerProject = 1_000, WorkItemsPerProject = 25_000,
            TeamsPerProject = 10, MembersPerTeam = 20, ReleaseDefinitionsPerProject = 10, ReleasesPerDefinition = 50,
        },
        SandboxSize.Demo => new SandboxOptions { Organization = "demo", AreaHosts = true },
        _ => throw new ArgumentOutOfRangeException(nameof(size), size, null),
    };
}
