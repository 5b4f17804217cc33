using Runner.Tests.Sandbox;
using Runner.Tools.AdoSandbox.Faults;

namespace Runner.Tests.Integrations.AzureDevOps;

public sealed class IncompleteKindTests
{
    [Test]
    public async Task A_404_on_one_repositorys_branches_makes_only_branches_incomplete()
    {
        await using var harness = await AdoClientHarness.StartAsync(OrganizationCrawlTests.SmallOrg());
        using var session = harness.Open();
        var repositories = await AdoClientHarness.FetchAllAsync(session, "repository");
        var missing = repositories[0].GetProperty("id").GetString()!;
        harness.Sandbox.Faults.Settings = new FaultSettings { NotFoundPathContains = $"/repositories/{missing}/refs" };

        var branches = await AdoClientHarness.FetchAllAsync(session, "branch");
        var policies = await AdoClientHarness.FetchAllAsync(session, "repository-policy");

        Assert.Multiple(() =>
        {
            Assert.That(session.IsComplete("branch"), Is.False);
            Assert.That(session.Problems.For("branch"), Has.One.Contains($"/repositories/{missing}/refs").And.Contains("404"));
            Assert.That(branches, Has.Count.EqualTo(harness.Sandbox.ExpectedCounts()["branch"] - harness.Sandbox.Options.BranchesPerRepo));
            Assert.That(session.IsComplete("repository"), Is.True);
            Assert.That(session.IsComplete("repository-policy"), Is.True);
            Assert.That(policies, Has.Count.EqualTo(harness.Sandbox.ExpectedCounts()["repository-policy"]));
        });
    }

    [Test]
    public async Task A_malformed_page_is_reported_and_the_rest_of_the_kind_still_arrives()
    {
        await using var harness = await AdoClientHarness.StartAsync(
            OrganizationCrawlTests.SmallOrg(), new FaultSettings { TruncateBodyPathContains = "/_apis/pipelines/" });
        using var session = harness.Open();

        var runs = await AdoClientHarness.FetchAllAsync(session, "pipeline-run");
        var builds = await AdoClientHarness.FetchAllAsync(session, "build");

        Assert.Multiple(() =>
        {
            Assert.That(runs, Is.Empty);
            Assert.That(session.IsComplete("pipeline-run"), Is.False);
            Assert.That(session.Problems.For("pipeline-run"), Has.All.Contains("malformed"));
            Assert.That(builds, Has.Count.EqualTo(harness.Sandbox.ExpectedCounts()["build"]));
            Assert.That(session.IsComplete("build"), Is.True);
        });
    }

    [Test]
    public async Task Cancellation_stops_the_fetch_at_a_page_boundary()
    {
        await using var harness = await AdoClientHarness.StartAsync(OrganizationCrawlTests.SmallOrg());
        using var session = harness.Open(o => o.PageSize = 2);
        using var cancel = new CancellationTokenSource();
        var pages = 0;

        Assert.CatchAsync<OperationCanceledException>(async () =>
        {
            await foreach (var _ in session.FetchAsync("build", new Dictionary<string, System.Text.Json.JsonElement>(), cancel.Token))
            {
                pages++;
                await cancel.CancelAsync();
            }
        });
        Assert.That(pages, Is.EqualTo(1));
    }
}
