using System.Net.Http.Json;
using System.Text.Json;
using Runner.Tools.AdoSandbox;
using Runner.Tools.AdoSandbox.Data;

namespace Runner.Tests.Sandbox;

/// <summary>
/// Crawls a whole sandbox organization the way the Runner's client will (real URL templates, both paging modes
/// with pages of 2, WIQL id windows) and checks every kind arrives exactly once, matching the expected counts.
/// </summary>
public sealed class OrganizationCrawlTests
{
    private const string V = "api-version=7.1";

    internal static SandboxOptions SmallOrg(double deletedFraction = 0) => new()
    {
        Projects = 3, TeamsPerProject = 2, MembersPerTeam = 3, Users = 7, ReposPerProject = 2, BranchesPerRepo = 3,
        PoliciesPerRepo = 3, PullRequestsPerRepo = 5, PipelinesPerProject = 2, RunsPerPipeline = 3, BuildsPerProject = 5,
        ReleaseDefinitionsPerProject = 2, ReleasesPerDefinition = 3, WorkItemsPerProject = 23, IterationsPerTeam = 3,
        BoardsPerTeam = 2, ColumnsPerBoard = 4, MaxPageSize = 2, DeletedFraction = deletedFraction,
        Anchor = new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero),
    };

    [TestCase(0.0)]
    [TestCase(0.3)]
    public async Task Crawl_returns_every_expected_object_exactly_once(double deletedFraction)
    {
        await using var host = await AdoSandboxHost.StartAsync(SmallOrg(deletedFraction));
        using var client = new SandboxClient(host);
        var seen = new Dictionary<string, HashSet<string>>();
        void Add(string kind, string key) => Assert.That(
            (seen.TryGetValue(kind, out var keys) ? keys : seen[kind] = []).Add(key), Is.True, $"{kind} {key} arrived twice");

        foreach (var user in await client.ContinuationAsync("_apis/graph/users?api-version=7.1-preview.1"))
        {
            Add(SandboxKinds.User, S(user, "descriptor"));
        }
        foreach (var group in await client.ContinuationAsync("_apis/graph/groups?api-version=7.1-preview.1"))
        {
            Add(SandboxKinds.Group, S(group, "descriptor"));
            foreach (var membership in (await client.GetJsonAsync($"_apis/graph/memberships/{S(group, "descriptor")}?direction=down&api-version=7.1-preview.1")).GetProperty("value").EnumerateArray())
            {
                Add(SandboxKinds.GroupMember, S(membership, "containerDescriptor") + "/" + S(membership, "memberDescriptor"));
            }
        }

        foreach (var project in await client.ContinuationAsync($"_apis/projects?{V}"))
        {
            var p = S(project, "id");
            Add(SandboxKinds.Project, p);
            foreach (var team in await client.SkipAsync($"_apis/projects/{p}/teams?{V}", 2))
            {
                var t = S(team, "id");
                Add(SandboxKinds.Team, t);
                foreach (var member in await client.SkipAsync($"_apis/projects/{p}/teams/{t}/members?{V}", 2))
                {
                    Add(SandboxKinds.Member, t + "/" + member.GetProperty("identity").GetProperty("id").GetString());
                }
                foreach (var board in (await client.GetJsonAsync($"{p}/{t}/_apis/work/boards?{V}")).GetProperty("value").EnumerateArray())
                {
                    Add(SandboxKinds.Board, S(board, "id"));
                    var detail = await client.GetJsonAsync($"{p}/{t}/_apis/work/boards/{S(board, "id")}?{V}");
                    foreach (var column in detail.GetProperty("columns").EnumerateArray())
                    {
                        Add(SandboxKinds.Column, S(column, "id"));
                    }
                }
                foreach (var iteration in (await client.GetJsonAsync($"{p}/{t}/_apis/work/teamsettings/iterations?{V}")).GetProperty("value").EnumerateArray())
                {
                    Add(SandboxKinds.Iteration, S(iteration, "id"));
                }
            }
            foreach (var repo in (await client.GetJsonAsync($"{p}/_apis/git/repositories?{V}")).GetProperty("value").EnumerateArray())
            {
                var r = S(repo, "id");
                Add(SandboxKinds.Repository, r);
                foreach (var branch in await client.ContinuationAsync($"{p}/_apis/git/repositories/{r}/refs?filter=heads/&$top=2&{V}"))
                {
                    Add(SandboxKinds.Branch, r + S(branch, "name"));
                }
                foreach (var policy in await client.ContinuationAsync($"{p}/_apis/git/policy/configurations?repositoryId={r}&refName=refs/heads/main&{V}"))
                {
                    Add(SandboxKinds.RepositoryPolicy, policy.GetProperty("id").GetInt32().ToString());
                }
                foreach (var status in new[] { "active", "completed", "abandoned" })
                {
                    foreach (var pr in await client.SkipAsync($"{p}/_apis/git/repositories/{r}/pullrequests?searchCriteria.status={status}&{V}", 2))
                    {
                        Add(SandboxKinds.PullRequest, pr.GetProperty("pullRequestId").GetInt64().ToString());
                    }
                }
                await CrawlRepositoryFilesAndAlertsAsync(client, p, r, Add);
            }
            await CrawlProjectKindsAsync(client, p, Add);
            foreach (var pipeline in await client.ContinuationAsync($"{p}/_apis/pipelines?{V}"))
            {
                var id = pipeline.GetProperty("id").GetInt64();
                Add(SandboxKinds.Pipeline, id.ToString());
                foreach (var run in (await client.GetJsonAsync($"{p}/_apis/pipelines/{id}/runs?{V}")).GetProperty("value").EnumerateArray())
                {
                    Add(SandboxKinds.PipelineRun, run.GetProperty("id").GetInt64().ToString());
                }
            }
            foreach (var build in await client.ContinuationAsync($"{p}/_apis/build/builds?queryOrder=queueTimeDescending&{V}"))
            {
                Add(SandboxKinds.Build, build.GetProperty("id").GetInt64().ToString());
            }
            foreach (var definition in await client.ContinuationAsync($"{p}/_apis/release/definitions?$expand=environments&{V}"))
            {
                Add(SandboxKinds.ReleaseDefinition, p + definition.GetProperty("id").GetInt32());
            }
            foreach (var release in await client.ContinuationAsync($"{p}/_apis/release/releases?{V}"))
            {
                Add(SandboxKinds.Release, p + release.GetProperty("id").GetInt64());
            }
            foreach (var id in await WorkItemIdsAsync(client, p, S(project, "name")))
            {
                Add(SandboxKinds.WorkItem, id.ToString());
            }
        }

        var expected = host.ExpectedCounts();
        var actual = expected.Keys.ToDictionary(kind => kind, kind => (long)(seen.TryGetValue(kind, out var keys) ? keys.Count : 0));
        Assert.That(actual, Is.EquivalentTo(expected));
        Assert.That(expected.Values, Has.All.GreaterThan(0), "every kind is exercised");
    }

    /// <summary>file, folder (items of the default branch, recursion full) and advanced-security-alert (skipping 400s).</summary>
    private static async Task CrawlRepositoryFilesAndAlertsAsync(SandboxClient client, string p, string r, Action<string, string> add)
    {
        foreach (var item in (await client.GetJsonAsync($"{p}/_apis/git/repositories/{r}/items?scopePath=/&recursionLevel=full&versionDescriptor.version=main&versionDescriptor.versionType=branch&{V}")).GetProperty("value").EnumerateArray())
        {
            var folder = item.TryGetProperty("isFolder", out var isFolder) && isFolder.GetBoolean();
            if (!folder)
            {
                add(SandboxKinds.File, r + S(item, "path"));
            }
            else if (S(item, "path") != "/")
            {
                add(SandboxKinds.Folder, r + S(item, "path"));
            }
        }
        var alerts = $"{p}/_apis/alert/repositories/{r}/alerts?api-version=7.2-preview.1";
        using var probe = await client.Http.GetAsync(alerts);
        if (probe.StatusCode == System.Net.HttpStatusCode.BadRequest)
        {
            return;
        }

        foreach (var alert in await client.ContinuationAsync(alerts))
        {
            add(SandboxKinds.AdvancedSecurityAlert, r + alert.GetProperty("alertId").GetInt64());
        }
    }

    /// <summary>The project-scoped kinds added for issue 12: stages, environments and their deployments, release
    /// deployments, area paths, test runs and wiki pages.</summary>
    private static async Task CrawlProjectKindsAsync(SandboxClient client, string p, Action<string, string> add)
    {
        foreach (var build in await client.ContinuationAsync($"{p}/_apis/build/builds?{V}"))
        {
            var id = build.GetProperty("id").GetInt64();
            var timeline = await client.GetJsonAsync($"{p}/_apis/build/builds/{id}/timeline?{V}");
            foreach (var stage in timeline.GetProperty("records").EnumerateArray().Where(record => S(record, "type") == "Stage"))
            {
                add(SandboxKinds.PipelineStage, S(stage, "id"));
            }
        }
        foreach (var environment in await client.ContinuationAsync($"{p}/_apis/distributedtask/environments?{V}"))
        {
            var id = environment.GetProperty("id").GetInt64();
            add(SandboxKinds.Environment, id.ToString());
            foreach (var deployment in await client.ContinuationAsync($"{p}/_apis/distributedtask/environments/{id}/environmentdeploymentrecords?{V}"))
            {
                add(SandboxKinds.PipelineDeployment, deployment.GetProperty("id").GetInt64().ToString());
            }
        }
        foreach (var deployment in await client.ContinuationAsync($"{p}/_apis/release/deployments?{V}"))
        {
            add(SandboxKinds.ReleaseDeployment, deployment.GetProperty("id").GetInt64().ToString());
        }

        void Areas(JsonElement node)
        {
            add(SandboxKinds.AreaPath, S(node, "identifier"));
            if (node.TryGetProperty("children", out var children))
            {
                foreach (var child in children.EnumerateArray())
                {
                    Areas(child);
                }
            }
        }
        Areas(await client.GetJsonAsync($"{p}/_apis/wit/classificationnodes/Areas?$depth=10&{V}"));
        foreach (var run in await client.SkipAsync($"{p}/_apis/test/runs?includeRunDetails=true&{V}", 2))
        {
            add(SandboxKinds.TestRun, run.GetProperty("id").GetInt64().ToString());
        }

        foreach (var wiki in (await client.GetJsonAsync($"{p}/_apis/wiki/wikis?{V}")).GetProperty("value").EnumerateArray())
        {
            string? token = null;
            do
            {
                using var response = await client.PostJsonAsync($"{p}/_apis/wiki/wikis/{S(wiki, "id")}/pagesbatch?{V}", new { top = 2, continuationToken = token });
                foreach (var page in (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("value").EnumerateArray())
                {
                    add(SandboxKinds.Wiki, S(wiki, "id") + S(page, "path"));
                }

                token = response.Headers.TryGetValues("x-ms-continuationtoken", out var values) ? values.Single() : null;
            }
            while (token is not null);
        }
    }

    /// <summary>WIQL id windows of 5 ($top) then workitemsbatch for the ids; returns the ids the batches delivered.</summary>
    private static async Task<List<long>> WorkItemIdsAsync(SandboxClient client, string projectId, string projectName)
    {
        var fetched = new List<long>();
        var last = 0L;
        while (true)
        {
            var wiql = $"SELECT [System.Id] FROM WorkItems WHERE [System.TeamProject] = '{projectName}' AND [System.Id] > {last} ORDER BY [System.Id]";
            using var response = await client.PostJsonAsync($"{projectId}/_apis/wit/wiql?$top=5&{V}", new { query = wiql });
            var ids = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("workItems").EnumerateArray()
                .Select(item => item.GetProperty("id").GetInt64()).ToList();
            if (ids.Count > 0)
            {
                using var batch = await client.PostJsonAsync($"{projectId}/_apis/wit/workitemsbatch?{V}", new { ids, fields = new[] { "System.Id", "System.Title" } });
                var items = (await batch.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("value").EnumerateArray();
                fetched.AddRange(items.Select(item => item.GetProperty("fields").GetProperty("System.Id").GetInt64()));
                last = ids[^1];
            }
            if (ids.Count < 5)
            {
                return fetched;
            }
        }
    }

    private static string S(JsonElement element, string property) => element.GetProperty(property).GetString()!;
}
