using Microsoft.Extensions.Configuration;
using Runner.Tools.AdoSandbox;
using Runner.Tools.AdoSandbox.Data;

namespace Runner.Tests.Sandbox;

public sealed class SandboxOptionsTests
{
    [Test]
    public void Size_preset_is_applied_first_and_explicit_settings_win()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Sandbox:Size"] = "medium",
            ["Sandbox:Projects"] = "4",
            ["Sandbox:Organization"] = "demo",
        }).Build();

        var options = SandboxSizes.FromConfiguration(configuration);

        Assert.That((options.Projects, options.Users, options.Organization), Is.EqualTo((4, 200, "demo")));
    }

    [Test]
    public void Expected_counts_follow_the_hierarchy_when_nothing_is_deleted()
    {
        var counts = SandboxCounts.Compute(new SandboxOptions
        {
            Projects = 4, TeamsPerProject = 3, BoardsPerTeam = 2, ColumnsPerBoard = 5, ReposPerProject = 2, PullRequestsPerRepo = 7,
            WorkItemsPerProject = 1_000,
        });

        Assert.That(counts[SandboxKinds.Column], Is.EqualTo(4 * 3 * 2 * 5));
        Assert.That(counts[SandboxKinds.PullRequest], Is.EqualTo(4 * 2 * 7));
        Assert.That(counts[SandboxKinds.WorkItem], Is.EqualTo(4_000));
        Assert.That(counts.Keys, Is.EquivalentTo(SandboxKinds.All));
    }

    [Test]
    public void Inconsistent_options_fail_at_start()
    {
        Assert.That(() => new SandboxOptions { Users = 2, MembersPerTeam = 3 }.Validate(), Throws.ArgumentException);
        Assert.That(() => new SandboxOptions { DeletedFraction = 1.5 }.Validate(), Throws.ArgumentException);
    }
}
