using Runner.Tests.Sandbox;
using Runner.Tools.AdoSandbox;

namespace Runner.Tests.Integrations.AzureDevOps;

public sealed class PagingTests
{
    [Test]
    public async Task Continuation_lists_follow_the_header_token_across_pages()
    {
        await using var harness = await AdoClientHarness.StartAsync(OrganizationCrawlTests.SmallOrg());
        using var session = harness.Open(o => o.PageSize = 2);
        var pageSizes = new List<int>();

        var builds = await AdoClientHarness.FetchAllAsync(session, "build", pageSizes: pageSizes);

        var requests = harness.Sandbox.RequestLog.Snapshot().Where(r => r.Path.EndsWith("/_apis/build/builds", StringComparison.Ordinal)).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(builds, Has.Count.EqualTo(harness.Sandbox.ExpectedCounts()["build"]));
            Assert.That(pageSizes, Has.All.LessThanOrEqualTo(2));
            Assert.That(requests.Count(r => r.Query.Contains("continuationToken=", StringComparison.Ordinal)), Is.GreaterThan(3));
        });
    }

    [Test]
    public async Task Wiql_beyond_20000_ids_is_read_in_id_windows_and_items_in_batches_of_at_most_200()
    {
        var org = new SandboxOptions { Projects = 1, WorkItemsPerProject = 20_150, TeamsPerProject = 1, ReposPerProject = 0, PipelinesPerProject = 0 };
        await using var harness = await AdoClientHarness.StartAsync(org);
        using var session = harness.Open();

        var count = 0;
        await foreach (var page in session.FetchAsync("work-item", AdoClientHarness.Selector(new { expand = "None" })))
        {
            count += page.Items.Count;
        }

        var log = harness.Sandbox.RequestLog.Snapshot();
        var batches = log.Where(r => r.Path.EndsWith("/_apis/wit/workitems", StringComparison.Ordinal)).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(count, Is.EqualTo(20_150));
            Assert.That(session.IsComplete("work-item"), Is.True);
            Assert.That(log.Count(r => r.Path.EndsWith("/_apis/wit/wiql", StringComparison.Ordinal)), Is.EqualTo(2), "two id windows");
            Assert.That(batches.Select(r => IdsIn(r.Query)), Has.All.InRange(1, 200));
            Assert.That(batches.Sum(r => IdsIn(r.Query)), Is.EqualTo(20_150));
        });
    }

    private static int IdsIn(string query)
    {
        var ids = Uri.UnescapeDataString(query.Split('&').Single(part => part.StartsWith("ids=", StringComparison.Ordinal) || part.StartsWith("?ids=", StringComparison.Ordinal)));
        return ids[(ids.IndexOf('=', StringComparison.Ordinal) + 1)..].Split(',').Length;
    }
}
