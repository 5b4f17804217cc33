using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Runner.Tools.AdoSandbox;

namespace Runner.Tests.Sandbox;

/// <summary>The calls behind the kinds added for issue 12: shapes, options and the errors the service gives.</summary>
public sealed class NewKindTests
{
    private const string V = "api-version=7.1";
    private static AdoSandboxHost _host = null!;
    private static SandboxClient _client = null!;

    [OneTimeSetUp]
    public static async Task Start()
    {
        _host = await AdoSandboxHost.StartAsync(new SandboxOptions { BranchesPerRepo = 2, AreaPathChildren = 2, AreaPathDepth = 2 });
        _client = new SandboxClient(_host);
    }

    [OneTimeTearDown]
    public static async Task Stop()
    {
        _client.Dispose();
        await _host.DisposeAsync();
    }

    [Test]
    public async Task Build_timeline_has_a_stage_record_with_a_job_under_it_per_stage()
    {
        var timeline = await _client.GetJsonAsync($"Project-0001/_apis/build/builds/1/timeline?{V}");

        var records = timeline.GetProperty("records").EnumerateArray().ToList();
        var stages = records.Where(r => r.GetProperty("type").GetString() == "Stage").ToList();
        Assert.That(stages.Select(s => s.GetProperty("name").GetString()), Is.EqualTo(new[] { "Build", "Test" }));
        var jobs = records.Where(r => r.GetProperty("type").GetString() == "Job");
        Assert.That(jobs.Select(j => j.GetProperty("parentId").GetString()), Is.EquivalentTo(stages.Select(s => s.GetProperty("id").GetString())));
        Assert.That(stages[0].GetProperty("state").GetString(), Is.EqualTo("completed"));
    }

    [Test]
    public async Task Area_paths_come_as_a_tree_as_deep_as_depth_asks()
    {
        var root = await _client.GetJsonAsync($"Project-0001/_apis/wit/classificationnodes/Areas?{V}");
        var tree = await _client.GetJsonAsync($"Project-0001/_apis/wit/classificationnodes/Areas?$depth=1&{V}");

        Assert.That(root.TryGetProperty("children", out _), Is.False);
        Assert.That(root.GetProperty("hasChildren").GetBoolean(), Is.True);
        var children = tree.GetProperty("children").EnumerateArray().ToList();
        Assert.That(children.Select(c => c.GetProperty("path").GetString()), Is.EqualTo(new[] { @"\Project-0001\Area\Area-1", @"\Project-0001\Area\Area-2" }));
        Assert.That(children.Select(c => c.TryGetProperty("children", out _)), Has.All.False, "depth 1 stops at the first level");
        Assert.That(children[0].GetProperty("hasChildren").GetBoolean(), Is.True);
    }

    [Test]
    public async Task Group_members_resolve_through_memberships_and_subject_lookup()
    {
        var group = (await _client.GetJsonAsync("_apis/graph/groups?api-version=7.1-preview.1")).GetProperty("value")[0];
        var descriptor = group.GetProperty("descriptor").GetString()!;

        var down = (await _client.GetJsonAsync($"_apis/graph/memberships/{descriptor}?direction=down&api-version=7.1-preview.1")).GetProperty("value");
        var member = down[0].GetProperty("memberDescriptor").GetString()!;
        var up = (await _client.GetJsonAsync($"_apis/graph/memberships/{member}?direction=up&api-version=7.1-preview.1")).GetProperty("value");
        using var lookup = await _client.PostJsonAsync("_apis/graph/subjectlookup?api-version=7.1-preview.1", new { lookupKeys = new[] { new { descriptor = member }, new { descriptor } } });
        var subjects = (await lookup.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("value");

        Assert.That(descriptor, Does.StartWith("vssgp."));
        Assert.That(group.GetProperty("principalName").GetString(), Is.EqualTo(@"[Project-0001]\Contributors"));
        Assert.That(down.GetArrayLength(), Is.EqualTo(_host.Options.MembersPerGroup));
        Assert.That(up.EnumerateArray().Select(m => m.GetProperty("containerDescriptor").GetString()), Does.Contain(descriptor));
        Assert.That(subjects.GetProperty(member).GetProperty("subjectKind").GetString(), Is.EqualTo("user"));
        Assert.That(subjects.GetProperty(descriptor).GetProperty("subjectKind").GetString(), Is.EqualTo("group"));
    }

    [Test]
    public async Task Test_runs_carry_results_and_their_builds_code_coverage()
    {
        var run = (await _client.GetJsonAsync($"Project-0001/_apis/test/runs?includeRunDetails=true&{V}")).GetProperty("value")[0];
        var id = run.GetProperty("id").GetInt64();
        var buildId = run.GetProperty("build").GetProperty("id").GetString();

        var results = (await _client.GetJsonAsync($"Project-0001/_apis/test/runs/{id}/results?{V}")).GetProperty("value");
        var coverage = await _client.GetJsonAsync($"Project-0001/_apis/test/codecoverage?buildId={buildId}&flags=1&{V}");
        var byBuild = await _client.GetJsonAsync($"Project-0001/_apis/test/runs?buildUri=vstfs:///Build/Build/{buildId}&{V}");

        Assert.That(results.GetArrayLength(), Is.EqualTo(run.GetProperty("totalTests").GetInt32()));
        Assert.That(results.EnumerateArray().Count(r => r.GetProperty("outcome").GetString() == "Passed"), Is.EqualTo(run.GetProperty("passedTests").GetInt32()));
        var stats = coverage.GetProperty("coverageData")[0];
        Assert.That(stats.GetProperty("coverageStats")[0].GetProperty("label").GetString(), Is.EqualTo("Lines"));
        Assert.That(stats.GetProperty("modules").GetArrayLength(), Is.EqualTo(1), "flags=1 asks for modules");
        Assert.That(byBuild.GetProperty("value").EnumerateArray().Select(r => r.GetProperty("id").GetInt64()), Does.Contain(id));
    }

    [Test]
    public async Task Test_run_query_window_over_7_days_is_a_400()
    {
        using var response = await _client.Http.GetAsync($"Project-0001/_apis/test/runs?minLastUpdatedDate=2026-01-01&maxLastUpdatedDate=2026-01-20&{V}");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("7 days"));
    }

    [Test]
    public async Task Items_list_a_branch_tree_by_recursion_and_serve_contents_per_branch()
    {
        const string items = "Project-0001/_apis/git/repositories/repo-001/items";
        var oneLevel = (await _client.GetJsonAsync($"{items}?scopePath=/services&recursionLevel=oneLevel&{V}")).GetProperty("value");
        var feature = (await _client.GetJsonAsync($"{items}?scopePath=/services&recursionLevel=oneLevel&versionDescriptor.version=feature/work-001&versionDescriptor.versionType=branch&{V}")).GetProperty("value");
        var settings = await _client.Http.GetStringAsync($"{items}?path=/config/settings.yaml&versionType=Branch&version=feature/work-001&{V}");
        var json = await _client.GetJsonAsync($"{items}?path=/config/app.json&includeContent=true&{V}");
        using var unknownBranch = await _client.Http.GetAsync($"{items}?path=/README.md&versionDescriptor.version=nope&versionDescriptor.versionType=branch&{V}");

        Assert.That(oneLevel.EnumerateArray().Select(i => i.GetProperty("path").GetString()), Is.EqualTo(new[] { "/services", "/services/api", "/services/web" }));
        Assert.That(oneLevel[1].GetProperty("isFolder").GetBoolean(), Is.True);
        Assert.That(feature.EnumerateArray().Select(i => i.GetProperty("path").GetString()), Does.Contain("/services/work-001"));
        Assert.That(settings, Does.Contain("branch: feature/work-001"));
        Assert.That(JsonDocument.Parse(json.GetProperty("content").GetString()!).RootElement.GetProperty("branch").GetString(), Is.EqualTo("main"));
        Assert.That(json.GetProperty("gitObjectType").GetString(), Is.EqualTo("blob"));
        Assert.That(unknownBranch.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(await unknownBranch.Content.ReadAsStringAsync(), Does.Contain("TF401175"));
    }

    [Test]
    public async Task The_first_repository_has_one_file_above_1_MiB_and_itemsbatch_answers_arrays_per_descriptor()
    {
        using var large = await _client.Http.GetAsync($"Project-0001/_apis/git/repositories/repo-001/items?path=/assets/dataset.json&{V}");
        using var batch = await _client.PostJsonAsync($"Project-0001/_apis/git/repositories/repo-001/itemsbatch?{V}", new
        {
            itemDescriptors = new[] { new { path = "/config", version = "main", versionType = "branch", recursionLevel = "full" }, new { path = "/README.md", version = "main", versionType = "branch", recursionLevel = "none" } },
            includeContentMetadata = true,
        });
        using var missing = await _client.PostJsonAsync($"Project-0001/_apis/git/repositories/repo-001/itemsbatch?{V}", new
        {
            itemDescriptors = new[] { new { path = "/nope.yml", version = "main", versionType = "branch", recursionLevel = "none" } },
        });

        Assert.That((await large.Content.ReadAsByteArrayAsync()).Length, Is.GreaterThan(1 << 20));
        var arrays = (await batch.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("value");
        Assert.That(arrays[0].EnumerateArray().Select(i => i.GetProperty("path").GetString()), Is.EqualTo(new[] { "/config", "/config/app.json", "/config/settings.yaml" }));
        Assert.That(arrays[1][0].GetProperty("contentMetadata").GetProperty("fileName").GetString(), Is.EqualTo("README.md"));
        Assert.That(missing.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
    }

    [Test]
    public async Task Alerts_filter_by_criteria_and_a_repository_without_advanced_security_answers_400()
    {
        const string alerts = "Project-0001/_apis/alert/repositories/repo-001/alerts?api-version=7.2-preview.1";
        var all = (await _client.GetJsonAsync(alerts)).GetProperty("value").EnumerateArray().ToList();
        var type = all[0].GetProperty("alertType").GetString();
        var severity = all[0].GetProperty("severity").GetString();

        var byType = (await _client.GetJsonAsync($"{alerts}&criteria.alertType={type}&criteria.severities={severity}")).GetProperty("value");
        using var off = await _client.Http.GetAsync("Project-0001/_apis/alert/repositories/repo-003/alerts?api-version=7.2-preview.1");
        using var ga = await _client.Http.GetAsync("Project-0001/_apis/alert/repositories/repo-001/alerts?api-version=7.1");

        Assert.That(all, Has.Count.EqualTo(_host.Options.AlertsPerRepo));
        Assert.That(byType.EnumerateArray().Select(a => (a.GetProperty("alertType").GetString(), a.GetProperty("severity").GetString())), Has.All.EqualTo((type, severity)));
        Assert.That(byType.GetArrayLength(), Is.LessThan(all.Count));
        Assert.That(off.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await off.Content.ReadAsStringAsync(), Does.Contain("Advanced Security is not enabled"));
        Assert.That(ga.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), "Advanced Security is preview only");
    }

    [Test]
    public async Task Wiki_pages_page_through_pagesbatch_and_carry_content_on_request()
    {
        var wikis = (await _client.GetJsonAsync($"Project-0001/_apis/wiki/wikis?{V}")).GetProperty("value");
        var wiki = wikis[0].GetProperty("id").GetString();
        using var batch = await _client.PostJsonAsync($"Project-0001/_apis/wiki/wikis/{wiki}/pagesbatch?{V}", new { top = 2 });
        var page = await _client.GetJsonAsync($"Project-0001/_apis/wiki/wikis/{wiki}/pages/1?includeContent=true&{V}");
        var bare = await _client.GetJsonAsync($"Project-0001/_apis/wiki/wikis/{wiki}/pages/1?{V}");

        Assert.That(wikis.EnumerateArray().Select(w => w.GetProperty("type").GetString()), Is.EqualTo(new[] { "projectWiki", "codeWiki" }));
        Assert.That((await batch.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("value").GetArrayLength(), Is.EqualTo(2));
        Assert.That(batch.Headers.Contains("x-ms-continuationtoken"), Is.True, "3 pages, top 2");
        Assert.That(page.GetProperty("content").GetString(), Does.StartWith("# Home"));
        Assert.That(bare.TryGetProperty("content", out _), Is.False);
    }

    [Test]
    public async Task Environments_list_their_deployment_records()
    {
        var environment = (await _client.GetJsonAsync($"Project-0001/_apis/distributedtask/environments?{V}")).GetProperty("value")[0];
        var records = (await _client.GetJsonAsync($"Project-0001/_apis/distributedtask/environments/{environment.GetProperty("id").GetInt64()}/environmentdeploymentrecords?{V}")).GetProperty("value");

        Assert.That(environment.GetProperty("name").GetString(), Is.EqualTo("development"));
        Assert.That(records.GetArrayLength(), Is.EqualTo(_host.Options.DeploymentsPerEnvironment));
        Assert.That(records[0].GetProperty("environmentId").GetInt64(), Is.EqualTo(environment.GetProperty("id").GetInt64()));
        Assert.That(records[0].GetProperty("planType").GetString(), Is.EqualTo("Build"));
    }

    [Test]
    public async Task With_area_hosts_releases_answer_only_on_the_release_host_and_graph_only_on_vssps()
    {
        await using var host = await AdoSandboxHost.StartAsync(new SandboxOptions { AreaHosts = true });
        using var client = new SandboxClient(host);
        async Task<HttpStatusCode> Status(string area, string path)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.Host = area + host.Root.Authority;
            using var response = await client.Http.SendAsync(request);
            return response.StatusCode;
        }

        Assert.That(await Status("vsrm.", $"Project-0001/_apis/release/deployments?{V}"), Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await Status("", $"Project-0001/_apis/release/deployments?{V}"), Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(await Status("vsrm.", $"_apis/projects?{V}"), Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(await Status("vssps.", "_apis/graph/groups?api-version=7.1-preview.1"), Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await Status("advsec.", "Project-0001/_apis/alert/repositories/repo-001/alerts?api-version=7.2-preview.1"), Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await Status("", "_apis/connectionData"), Is.EqualTo(HttpStatusCode.OK));
    }
}
