using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Runner.Tools.AdoSandbox;

namespace Runner.Tests.Sandbox;

public sealed class WorkItemQueryTests
{
    private const string AllOfProject = "SELECT [System.Id] FROM WorkItems WHERE [System.TeamProject] = 'Project-0001'";

    [Test]
    public async Task Wiql_over_the_20000_limit_fails_with_VS402337()
    {
        await using var host = await AdoSandboxHost.StartAsync(new SandboxOptions { Projects = 1, WorkItemsPerProject = 20_001 });
        using var client = new SandboxClient(host);

        using var response = await client.PostJsonAsync("Project-0001/_apis/wit/wiql?api-version=7.1", new { query = AllOfProject });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        var error = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(error.GetProperty("message").GetString(), Does.StartWith("VS402337").And.Contain("20000"));
    }

    [Test]
    public async Task Id_windows_with_top_return_every_work_item_of_a_large_project_once()
    {
        await using var host = await AdoSandboxHost.StartAsync(new SandboxOptions { Projects = 2, WorkItemsPerProject = 20_001 });
        using var client = new SandboxClient(host);
        var ids = new List<long>();
        var last = 0L;
        while (true)
        {
            var query = $"{AllOfProject} AND [System.Id] > {last} ORDER BY [System.Id] ASC";
            using var response = await client.PostJsonAsync("Project-0001/_apis/wit/wiql?$top=19999&api-version=7.1-preview.2", new { query });
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            var page = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("workItems").EnumerateArray()
                .Select(item => item.GetProperty("id").GetInt64()).ToList();
            ids.AddRange(page);
            if (page.Count < 19_999)
            {
                break;
            }
            last = page[^1];
        }

        Assert.That(ids, Is.EqualTo(Enumerable.Range(1, 20_001).Select(i => (long)i)), "project 1 only, ascending, no gaps or repeats");
    }

    [Test]
    public async Task Project_macro_and_descending_order_are_understood()
    {
        await using var host = await AdoSandboxHost.StartAsync(new SandboxOptions { Projects = 2, WorkItemsPerProject = 10 });
        using var client = new SandboxClient(host);

        using var response = await client.PostJsonAsync("Project-0002/_apis/wit/wiql?$top=3&api-version=7.1",
            new { query = "SELECT [System.Id] FROM WorkItems WHERE [System.TeamProject] = @project AND [System.Id] <= 18 ORDER BY [System.Id] DESC" });

        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(body.GetProperty("workItems").EnumerateArray().Select(i => i.GetProperty("id").GetInt64()), Is.EqualTo(new long[] { 18, 17, 16 }));
        Assert.That(body.GetProperty("queryType").GetString(), Is.EqualTo("flat"));
    }

    [Test]
    public async Task Workitemsbatch_rejects_more_than_200_ids()
    {
        await using var host = await AdoSandboxHost.StartAsync(new SandboxOptions { Projects = 1, WorkItemsPerProject = 300 });
        using var client = new SandboxClient(host);

        using var tooMany = await client.PostJsonAsync("_apis/wit/workitemsbatch?api-version=7.1", new { ids = Enumerable.Range(1, 201) });
        using var enough = await client.PostJsonAsync("_apis/wit/workitemsbatch?api-version=7.1", new { ids = Enumerable.Range(1, 200) });
        using var byGet = await client.Http.GetAsync($"_apis/wit/workitems?ids={string.Join(',', Enumerable.Range(1, 201))}&api-version=7.1");

        Assert.That(tooMany.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((await tooMany.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("message").GetString(), Does.StartWith("VS403474"));
        Assert.That(byGet.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((await enough.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("count").GetInt32(), Is.EqualTo(200));
    }

    [Test]
    public async Task Missing_ids_fail_the_batch_unless_error_policy_is_omit()
    {
        await using var host = await AdoSandboxHost.StartAsync(new SandboxOptions { Projects = 1, WorkItemsPerProject = 5 });
        using var client = new SandboxClient(host);

        using var fail = await client.PostJsonAsync("_apis/wit/workitemsbatch?api-version=7.1", new { ids = new[] { 1, 99 } });
        using var omit = await client.PostJsonAsync("_apis/wit/workitemsbatch?api-version=7.1", new { ids = new[] { 1, 99 }, errorPolicy = "omit" });

        Assert.That(fail.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        var value = (await omit.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("value");
        Assert.That(value[0].GetProperty("id").GetInt64(), Is.EqualTo(1));
        Assert.That(value[1].ValueKind, Is.EqualTo(JsonValueKind.Null));
    }

    [Test]
    public async Task Fields_and_expand_together_are_rejected_and_expand_all_adds_links_and_relations()
    {
        await using var host = await AdoSandboxHost.StartAsync(new SandboxOptions { Projects = 1, WorkItemsPerProject = 5 });
        using var client = new SandboxClient(host);

        using var both = await client.PostJsonAsync("_apis/wit/workitemsbatch?api-version=7.1", new Dictionary<string, object> { ["ids"] = new[] { 1 }, ["fields"] = new[] { "System.Title" }, ["$expand"] = "all" });
        var expanded = await client.GetJsonAsync("Project-0001/_apis/wit/workitems?ids=2&$expand=all&api-version=7.1");

        Assert.That(both.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        var item = expanded.GetProperty("value")[0];
        Assert.That(item.TryGetProperty("_links", out _) && item.TryGetProperty("relations", out _), Is.True);
        Assert.That(item.GetProperty("fields").GetProperty("System.TeamProject").GetString(), Is.EqualTo("Project-0001"));
    }
}
