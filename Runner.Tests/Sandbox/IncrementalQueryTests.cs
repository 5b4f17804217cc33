using System.Net.Http.Json;
using System.Text.Json;
using Runner.Tools.AdoSandbox;

namespace Runner.Tests.Sandbox;

/// <summary>
/// "Changed since" for incremental resyncs: the touch control call advances N objects' changed time and revision,
/// and each kind's reference query (WIQL System.ChangedDate, minTime, minModifiedTime, minLastUpdatedDate,
/// criteria.modifiedSince) then finds exactly those.
/// </summary>
public sealed class IncrementalQueryTests
{
    private const string V = "api-version=7.1";

    private static SandboxOptions Org() => new()
    {
        Projects = 2, WorkItemsPerProject = 40, BuildsPerProject = 6, ReleaseDefinitionsPerProject = 1, ReleasesPerDefinition = 4,
        TestRunsPerProject = 3, AlertsPerRepo = 3, Anchor = new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero),
    };

    private static async Task<(DateTime Cursor, List<string> Ids)> TouchAsync(AdoSandboxHost host, string kind, int count)
    {
        using var control = new HttpClient { BaseAddress = host.Root };
        var cursor = DateTime.UtcNow.AddSeconds(-1);
        using var response = await control.PostAsJsonAsync("_sandbox/touch", new { kind, count });
        Assert.That(response.IsSuccessStatusCode, Is.True, await response.Content.ReadAsStringAsync());
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (cursor, body.GetProperty("touched").EnumerateArray().Select(id => id.GetString()!).ToList());
    }

    private static string Iso(DateTime at) => Uri.EscapeDataString(at.ToString("O"));

    [Test]
    public async Task Wiql_changed_date_filter_finds_exactly_the_touched_work_items_with_a_new_revision()
    {
        await using var host = await AdoSandboxHost.StartAsync(Org());
        using var client = new SandboxClient(host);
        var before = await client.GetJsonAsync($"_apis/wit/workitems?ids=1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31,32,33,34,35,36,37,38,39,40,41,42,43,44,45,46,47,48,49,50,51,52,53,54,55,56,57,58,59,60,61,62,63,64,65,66,67,68,69,70,71,72,73,74,75,76,77,78,79,80&{V}");

        var (cursor, touched) = await TouchAsync(host, "work-item", 8);
        var wiql = $"SELECT [System.Id] FROM WorkItems WHERE [System.TeamProject] = @project AND ([System.State] <> 'Removed' OR [System.ChangedDate] >= @Today - 7) AND [System.ChangedDate] >= '{cursor:O}' ORDER BY [System.Id]";
        var changed = new List<long>();
        foreach (var project in new[] { "Project-0001", "Project-0002" })
        {
            using var response = await client.PostJsonAsync($"{project}/_apis/wit/wiql?timePrecision=true&{V}", new { query = wiql });
            changed.AddRange((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("workItems").EnumerateArray().Select(w => w.GetProperty("id").GetInt64()));
        }
        var after = await client.GetJsonAsync($"_apis/wit/workitems?ids={string.Join(',', touched)}&{V}");

        Assert.That(changed.Select(id => id.ToString()).ToList(), Is.EquivalentTo(touched).And.Count.EqualTo(8));
        Assert.That(changed.Select(id => (id - 1) / 40).Distinct().Count(), Is.EqualTo(2), "touches are spread over the organization");
        var revBefore = before.GetProperty("value").EnumerateArray().ToDictionary(w => w.GetProperty("id").GetInt64(), w => w.GetProperty("rev").GetInt32());
        foreach (var item in after.GetProperty("value").EnumerateArray())
        {
            Assert.That(item.GetProperty("rev").GetInt32(), Is.EqualTo(revBefore[item.GetProperty("id").GetInt64()] + 1));
            Assert.That(item.GetProperty("fields").GetProperty("System.ChangedDate").GetDateTime(), Is.GreaterThanOrEqualTo(cursor));
        }
    }

    [Test]
    public async Task A_changed_date_condition_inside_an_or_does_not_narrow_the_result()
    {
        await using var host = await AdoSandboxHost.StartAsync(Org());
        using var client = new SandboxClient(host);

        using var response = await client.PostJsonAsync($"Project-0001/_apis/wit/wiql?{V}",
            new { query = "SELECT [System.Id] FROM WorkItems WHERE [System.State] = 'New' OR [System.ChangedDate] >= '2099-01-01'" });

        // The project in the URL only sets @project: without a TeamProject condition the query spans the organization.
        Assert.That((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("workItems").GetArrayLength(), Is.EqualTo(80));
    }

    [Test]
    public async Task Builds_min_time_finds_completed_builds_and_test_runs_the_last_updated_window()
    {
        await using var host = await AdoSandboxHost.StartAsync(Org());
        using var client = new SandboxClient(host);

        var (cursor, builds) = await TouchAsync(host, "build", 3);
        var (runCursor, runs) = await TouchAsync(host, "test-run", 2);
        var found = new List<string>();
        var foundRuns = new List<string>();
        foreach (var project in new[] { "Project-0001", "Project-0002" })
        {
            found.AddRange((await client.ContinuationAsync($"{project}/_apis/build/builds?queryOrder=finishTimeDescending&minTime={Iso(cursor)}&{V}")).Select(b => b.GetProperty("id").GetInt64().ToString()));
            foundRuns.AddRange((await client.ContinuationAsync($"{project}/_apis/test/runs?minLastUpdatedDate={Iso(runCursor)}&maxLastUpdatedDate={Iso(runCursor.AddDays(7))}&{V}"))
                .Select(r => r.GetProperty("id").GetInt64().ToString()));
        }

        Assert.That(found, Is.EquivalentTo(builds));
        Assert.That(foundRuns, Is.EquivalentTo(runs));
    }

    [Test]
    public async Task Release_deployments_min_modified_time_and_alerts_modified_since_find_the_touched_ones()
    {
        await using var host = await AdoSandboxHost.StartAsync(Org());
        using var client = new SandboxClient(host);

        var (cursor, deployments) = await TouchAsync(host, "release-deployment", 3);
        var (alertCursor, alerts) = await TouchAsync(host, "advanced-security-alert", 2);
        var found = new List<string>();
        foreach (var project in new[] { "Project-0001", "Project-0002" })
        {
            found.AddRange((await client.ContinuationAsync($"{project}/_apis/release/deployments?minModifiedTime={Iso(cursor)}&{V}"))
                .Select(d => $"{project}/{d.GetProperty("id").GetInt64()}"));
        }
        var foundAlerts = new List<string>();
        foreach (var repo in new[] { "repo-001", "repo-002" })
        {
            foreach (var project in new[] { "Project-0001", "Project-0002" })
            {
                foundAlerts.AddRange((await client.ContinuationAsync($"{project}/_apis/alert/repositories/{repo}/alerts?criteria.modifiedSince={Iso(alertCursor)}&api-version=7.2-preview.1"))
                    .Select(a => a.GetProperty("alertId").GetInt64().ToString()));
            }
        }

        Assert.That(found, Is.EquivalentTo(deployments));
        Assert.That(foundAlerts, Is.EquivalentTo(alerts));
    }

    [Test]
    public async Task Touching_an_unknown_kind_or_no_objects_is_a_400_naming_the_field()
    {
        await using var host = await AdoSandboxHost.StartAsync(Org());
        using var control = new HttpClient { BaseAddress = host.Root };

        using var kind = await control.PostAsJsonAsync("_sandbox/touch", new { kind = "project", count = 1 });
        using var count = await control.PostAsJsonAsync("_sandbox/touch", new { kind = "work-item", count = 0 });

        Assert.That(await kind.Content.ReadAsStringAsync(), Does.Contain("kind:"));
        Assert.That(await count.Content.ReadAsStringAsync(), Does.Contain("count:"));
        Assert.That((int)kind.StatusCode, Is.EqualTo(400));
    }
}
