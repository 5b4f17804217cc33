using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Runner.Tools.AdoSandbox;

namespace Runner.Tests.Sandbox;

public sealed class PagingTests
{
    [Test]
    public async Task Projects_page_by_integer_continuation_token_until_the_header_is_absent()
    {
        await using var host = await AdoSandboxHost.StartAsync(new SandboxOptions { Projects = 7, MaxPageSize = 3 });
        using var client = new SandboxClient(host);
        var pages = new List<int>();

        var projects = await client.ContinuationAsync("_apis/projects?api-version=7.1", pages.Add);

        Assert.That(pages, Is.EqualTo(new[] { 3, 3, 1 }));
        Assert.That(projects.Select(p => p.GetProperty("name").GetString()), Is.Unique.And.Exactly(7).Items);
        using var second = await client.Http.GetAsync("_apis/projects?api-version=7.1&continuationToken=3");
        Assert.That(second.Headers.GetValues("x-ms-continuationtoken").Single(), Is.EqualTo("6"));
    }

    [Test]
    public async Task Projects_honour_top_and_skip()
    {
        await using var host = await AdoSandboxHost.StartAsync(new SandboxOptions { Projects = 5 });
        using var client = new SandboxClient(host);

        var page = await client.GetJsonAsync("_apis/projects?api-version=7.1&$top=2&$skip=3");

        Assert.That(page.GetProperty("value").EnumerateArray().Select(p => p.GetProperty("name").GetString()),
            Is.EqualTo(new[] { "Project-0004", "Project-0005" }));
    }

    [Test]
    public async Task Graph_users_page_with_opaque_tokens_and_return_every_user_once()
    {
        await using var host = await AdoSandboxHost.StartAsync(new SandboxOptions { Users = 11, MaxPageSize = 4 });
        using var client = new SandboxClient(host);
        using var first = await client.Http.GetAsync("_apis/graph/users?api-version=7.1-preview.1");

        var users = await client.ContinuationAsync("_apis/graph/users?api-version=7.1-preview.1");

        Assert.That(first.Headers.GetValues("x-ms-continuationtoken").Single(), Does.Not.Match("^[0-9]+$"));
        Assert.That(users.Select(u => u.GetProperty("descriptor").GetString()), Is.Unique.And.Exactly(11).Items);
    }

    [Test]
    public async Task Refs_without_top_or_token_come_back_whole_and_with_top_in_pages()
    {
        await using var host = await AdoSandboxHost.StartAsync(new SandboxOptions { Projects = 1, ReposPerProject = 1, BranchesPerRepo = 5, MaxPageSize = 50 });
        using var client = new SandboxClient(host);
        const string refs = "Project-0001/_apis/git/repositories/repo-001/refs?filter=heads/&api-version=7.1";

        using var whole = await client.Http.GetAsync(refs);
        var paged = new List<int>();
        var branches = await client.ContinuationAsync(refs + "&$top=2", paged.Add);

        Assert.That(whole.Headers.Contains("x-ms-continuationtoken"), Is.False);
        Assert.That((await whole.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("count").GetInt32(), Is.EqualTo(5));
        Assert.That(paged, Is.EqualTo(new[] { 2, 2, 1 }));
        Assert.That(branches.Select(b => b.GetProperty("name").GetString()), Does.Contain("refs/heads/main").And.Unique);
    }

    [Test]
    public async Task Pull_requests_page_by_top_and_skip_newest_first_without_a_token()
    {
        await using var host = await AdoSandboxHost.StartAsync(new SandboxOptions { Projects = 1, ReposPerProject = 1, PullRequestsPerRepo = 9 });
        using var client = new SandboxClient(host);
        const string path = "Project-0001/_apis/git/repositories/repo-001/pullrequests?searchCriteria.status=all&api-version=7.1";

        using var page = await client.Http.GetAsync(path + "&$top=4&$skip=0");
        var all = await client.SkipAsync(path, 4);

        Assert.That(page.Headers.Contains("x-ms-continuationtoken"), Is.False);
        var ids = all.Select(pr => pr.GetProperty("pullRequestId").GetInt64()).ToList();
        Assert.That(ids, Is.EqualTo(Enumerable.Range(1, 9).Reverse().Select(i => (long)i)));
        var active = await client.SkipAsync(path.Replace("status=all", "status=active", StringComparison.Ordinal), 4);
        Assert.That(active.Select(pr => pr.GetProperty("status").GetString()), Has.Exactly(5).Items.And.All.EqualTo("active"));
    }

    [Test]
    public async Task User_entitlements_carry_the_continuation_token_in_the_body()
    {
        await using var host = await AdoSandboxHost.StartAsync(new SandboxOptions { Users = 5, MaxPageSize = 2 });
        using var client = new SandboxClient(host);
        var ids = new List<string?>();
        string? token = null;
        do
        {
            var page = await client.GetJsonAsync("_apis/userentitlements?api-version=7.1" + (token is null ? "" : "&continuationToken=" + Uri.EscapeDataString(token)));
            Assert.That(page.GetProperty("totalCount").GetInt32(), Is.EqualTo(5));
            ids.AddRange(page.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("id").GetString()));
            token = page.TryGetProperty("continuationToken", out var next) ? next.GetString() : null;
        }
        while (token is not null);

        Assert.That(ids, Is.Unique.And.Exactly(5).Items);
    }

    [Test]
    public async Task A_forged_continuation_token_is_a_400_with_an_ado_error_body()
    {
        await using var host = await AdoSandboxHost.StartAsync();
        using var client = new SandboxClient(host);

        using var response = await client.Http.GetAsync("_apis/graph/users?api-version=7.1-preview.1&continuationToken=nonsense");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("message").GetString(), Does.Contain("continuation token"));
    }
}
