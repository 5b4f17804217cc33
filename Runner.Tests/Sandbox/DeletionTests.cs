using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Runner.Tools.AdoSandbox;
using Runner.Tools.AdoSandbox.Data;

namespace Runner.Tests.Sandbox;

public sealed class DeletionTests
{
    private static SandboxOptions Org(double deletedFraction, int seed = 1) => new()
    {
        Projects = 1, WorkItemsPerProject = 200, ReposPerProject = 1, PullRequestsPerRepo = 40, DeletedFraction = deletedFraction, Seed = seed,
    };

    private static async Task<List<long>> WorkItemIdsAsync(SandboxClient client)
    {
        using var response = await client.PostJsonAsync("Project-0001/_apis/wit/wiql?api-version=7.1",
            new { query = "SELECT [System.Id] FROM WorkItems WHERE [System.TeamProject] = @project ORDER BY [System.Id]" });
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return body.GetProperty("workItems").EnumerateArray().Select(w => w.GetProperty("id").GetInt64()).ToList();
    }

    [Test]
    public async Task Deleted_fraction_hides_the_same_objects_on_every_run_and_only_more_when_raised()
    {
        await using var full = await AdoSandboxHost.StartAsync(Org(0));
        await using var some = await AdoSandboxHost.StartAsync(Org(0.2));
        await using var same = await AdoSandboxHost.StartAsync(Org(0.2));
        await using var more = await AdoSandboxHost.StartAsync(Org(0.5));
        using var fullClient = new SandboxClient(full);
        using var someClient = new SandboxClient(some);
        using var sameClient = new SandboxClient(same);
        using var moreClient = new SandboxClient(more);

        var all = await WorkItemIdsAsync(fullClient);
        var fewer = await WorkItemIdsAsync(someClient);
        var fewest = await WorkItemIdsAsync(moreClient);

        Assert.That(all, Has.Count.EqualTo(200));
        Assert.That(fewer, Has.Count.InRange(120, 190).And.EqualTo(await WorkItemIdsAsync(sameClient)));
        Assert.That(fewest, Is.SubsetOf(fewer).And.Count.LessThan(fewer.Count));
        Assert.That(fewer.Count, Is.EqualTo(some.ExpectedCounts()[SandboxKinds.WorkItem]));
    }

    [Test]
    public async Task Raising_the_fraction_at_run_time_makes_a_later_crawl_miss_objects_that_now_404()
    {
        await using var host = await AdoSandboxHost.StartAsync(Org(0));
        using var client = new SandboxClient(host);
        using var control = new HttpClient { BaseAddress = host.Root };
        var before = await WorkItemIdsAsync(client);

        using var change = await control.PostAsJsonAsync("_sandbox/data", new { deletedFraction = 0.3 });
        var counts = await change.Content.ReadFromJsonAsync<Dictionary<string, long>>();
        var after = await WorkItemIdsAsync(client);
        var gone = before.Except(after).First();
        using var fetchGone = await client.PostJsonAsync("_apis/wit/workitemsbatch?api-version=7.1", new { ids = new[] { gone } });

        Assert.That(after, Is.SubsetOf(before).And.Count.LessThan(before.Count));
        Assert.That(counts![SandboxKinds.WorkItem], Is.EqualTo(after.Count));
        Assert.That(fetchGone.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task Ids_are_stable_for_a_seed_and_change_with_it()
    {
        await using var a = await AdoSandboxHost.StartAsync(Org(0, seed: 7));
        await using var b = await AdoSandboxHost.StartAsync(Org(0, seed: 7));
        await using var c = await AdoSandboxHost.StartAsync(Org(0, seed: 8));
        async Task<string?> RepoId(AdoSandboxHost host)
        {
            using var client = new SandboxClient(host);
            return (await client.GetJsonAsync("Project-0001/_apis/git/repositories?api-version=7.1")).GetProperty("value")[0].GetProperty("id").GetString();
        }

        Assert.That(await RepoId(a), Is.EqualTo(await RepoId(b)));
        Assert.That(await RepoId(a), Is.Not.EqualTo(await RepoId(c)));
    }
}
