using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Npgsql;
using Runner.Tests.Infrastructure;
using Runner.Tools.AdoSandbox.Faults;
using static Runner.Tests.Infrastructure.ResyncHarness;

namespace Runner.Tests.Resync;

/// <summary>Runs that wait for their tenant's share, are cancelled, lose their Worker, or fail transiently.</summary>
public sealed class RunLifecycleTests : SchedulingFixture
{
    [Test]
    public async Task A_tenant_runs_at_most_two_resyncs_at_once_and_does_not_starve_another_tenant()
    {
        Harness.Sandbox.Faults.Settings = new FaultSettings { LatencyMs = 200 };
        var busy = await Harness.Api.CreateTenantAsync("Busy");
        // Created at once, so that all five first runs are queued together whatever the machine's load
        // (created one by one, each run could finish before the next creation and nothing would wait).
        var created = await Task.WhenAll(Enumerable.Range(0, 5).Select(i =>
            busy.Admin.PostAsJsonAsync("/api/v1/installations", SandboxInstallation($"busy-{i}", $"pat{i}")).ExpectAsync(HttpStatusCode.Created)));
        var installations = created.Select(c => c["lastRun"]!["id"]!.GetValue<string>()).ToList();
        var quiet = await Harness.Api.CreateTenantAsync("Quiet");
        var quietRun = (await quiet.Admin.PostAsJsonAsync("/api/v1/installations", SandboxInstallation("quiet", "patq")).ExpectAsync(HttpStatusCode.Created))["lastRun"]!["id"]!.GetValue<string>();

        var maxRunning = 0;
        var deadline = DateTime.UtcNow.AddMinutes(2);
        List<JsonNode> runs;
        do
        {
            runs = [];
            foreach (var id in installations)
            {
                runs.Add(await busy.Admin.GetAsync($"/api/v1/resyncs/{id}").ExpectAsync(HttpStatusCode.OK));
            }
            maxRunning = Math.Max(maxRunning, runs.Count(r => r["status"]!.GetValue<string>() == "running"));
            Assert.That(DateTime.UtcNow, Is.LessThan(deadline));
            await Task.Delay(50);
        }
        while (runs.Any(r => r["status"]!.GetValue<string>() is "queued" or "running"));

        Assert.That(maxRunning, Is.InRange(1, 2));
        Assert.That(runs.Select(r => r["status"]!.GetValue<string>()), Has.All.EqualTo("succeeded"));
        Assert.That(runs.Sum(r => r["deferrals"]!.GetValue<int>()), Is.GreaterThan(0), "waiting runs were deferred, not held on a thread");
        var quietFinished = (await WaitAsync(quiet.Admin, quietRun))["finishedAt"]!.GetValue<DateTimeOffset>();
        Assert.That(quietFinished, Is.LessThan(runs.Max(r => r["finishedAt"]!.GetValue<DateTimeOffset>())), "the other tenant was not starved");
    }

    [Test]
    public async Task A_running_run_cancelled_on_request_stops_at_a_page_boundary_and_deletes_nothing()
    {
        var (tenant, installation, _) = await Harness.InstallAsync(mapping: Projects);
        var repositories = await CountEntitiesAsync(tenant.Admin, "azureDevopsRepository");
        Harness.Sandbox.Options.DeletedFraction = 0.5;
        Harness.Sandbox.Faults.Settings = new FaultSettings { LatencyMs = 300 };
        var run = await tenant.Admin.PostAsync($"/api/v1/installations/{installation}/resyncs", null).ExpectAsync(HttpStatusCode.Accepted);
        var id = run["id"]!.GetValue<string>();
        await WaitUntilAsync(tenant.Admin, id, r => r["status"]!.GetValue<string>() == "running");

        var asked = await tenant.Admin.PostAsync($"/api/v1/resyncs/{id}/cancel", null).ExpectAsync(HttpStatusCode.OK);
        Assert.That(asked["cancelRequested"]!.GetValue<bool>(), Is.True);
        var cancelled = await WaitAsync(tenant.Admin, id);

        Harness.Sandbox.Options.DeletedFraction = 0;
        Assert.That(cancelled["status"]!.GetValue<string>(), Is.EqualTo("cancelled"));
        Assert.That(cancelled["report"]!["blueprints"]!.AsArray(), Is.Empty, "reconciliation never ran");
        Assert.That(await CountEntitiesAsync(tenant.Admin, "azureDevopsRepository"), Is.EqualTo(repositories));
    }

    [Test]
    public async Task A_run_cancelled_while_it_maps_a_page_of_slow_objects_stops_between_objects_writes_nothing_more_and_deletes_nothing()
    {
        var (tenant, installation, _) = await Harness.InstallAsync(mapping: Projects);
        var projects = await CountEntitiesAsync(tenant.Admin, "azureDevopsProject");
        // Within this fixture's jq budget, but each object takes about half a second to map, so a page outlasts many
        // heartbeats (the cancel is seen mid-page) however fast the engine is on this machine.
        const string slowWorkItems = Projects + "\n" + """
              - kind: work-item
                selector: {query: 'true'}
                port: {entity: {mappings: {identifier: '.id | tostring', title: 'reduce range(0; 5000000) as $i (0; . + 1) | tostring', blueprint: '"azureDevopsWorkItem"'}}}
            """;
        await tenant.Admin.PutAsync($"/api/v1/installations/{installation}/mapping", new StringContent(slowWorkItems, Encoding.UTF8, "application/yaml"))
            .ExpectAsync(HttpStatusCode.NoContent);
        Harness.Sandbox.Options.DeletedFraction = 0.5;
        var id = (await tenant.Admin.PostAsync($"/api/v1/installations/{installation}/resyncs", null).ExpectAsync(HttpStatusCode.Accepted))["id"]!.GetValue<string>();
        // The report shows the kind once its first page is mapped; the next page takes seconds more.
        var mapping = await WaitUntilAsync(tenant.Admin, id, r => r["report"]!["kinds"]!.AsArray().Any(k => k!["kind"]!.GetValue<string>() == "work-item"));
        var fetchedWhenAsked = Kind(mapping, "work-item")["fetched"]!.GetValue<long>();

        await tenant.Admin.PostAsync($"/api/v1/resyncs/{id}/cancel", null).ExpectAsync(HttpStatusCode.OK);
        var cancelled = await WaitAsync(tenant.Admin, id);

        Harness.Sandbox.Options.DeletedFraction = 0;
        Assert.That(cancelled["status"]!.GetValue<string>(), Is.EqualTo("cancelled"), cancelled.ToJsonString());
        Assert.That(Kind(cancelled, "work-item")["fetched"]!.GetValue<long>(), Is.EqualTo(fetchedWhenAsked), $"it stopped inside the page it was mapping, not at the page's end: {cancelled.ToJsonString()}");
        Assert.That(Kind(cancelled, "work-item")["upserted"]!.GetValue<long>(), Is.Zero, $"what it mapped before the cancel was a batch never written: {cancelled.ToJsonString()}");
        Assert.That(await CountEntitiesAsync(tenant.Admin, "azureDevopsWorkItem"), Is.Zero, "nothing of the kind was written");
        Assert.That(cancelled["report"]!["blueprints"]!.AsArray(), Is.Empty, "reconciliation never ran");
        Assert.That(await CountEntitiesAsync(tenant.Admin, "azureDevopsProject"), Is.EqualTo(projects));
    }

    [Test]
    public async Task A_run_whose_worker_stopped_heartbeating_is_abandoned_and_redone()
    {
        var (tenant, installation, first) = await Harness.InstallAsync(mapping: Projects);
        await MakeStaleAsync(first["id"]!.GetValue<string>());

        var abandoned = await WaitUntilAsync(tenant.Admin, first["id"]!.GetValue<string>(), r => r["status"]!.GetValue<string>() == "abandoned");
        Assert.That(abandoned["reason"]!.GetValue<string>(), Does.StartWith("Abandoned: its Worker stopped"));
        var redo = await RedoOfAsync(tenant.Admin, installation, first["id"]!.GetValue<string>());
        Assert.That((await WaitAsync(tenant.Admin, redo))["status"]!.GetValue<string>(), Is.EqualTo("succeeded"));
    }

    [Test]
    public async Task A_redo_whose_worker_dies_too_is_quarantined_as_failed_and_not_redone_a_third_time()
    {
        var (tenant, installation, first) = await Harness.InstallAsync(mapping: Projects);
        await MakeStaleAsync(first["id"]!.GetValue<string>());
        await WaitUntilAsync(tenant.Admin, first["id"]!.GetValue<string>(), r => r["status"]!.GetValue<string>() == "abandoned");
        var redo = await RedoOfAsync(tenant.Admin, installation, first["id"]!.GetValue<string>());
        await WaitAsync(tenant.Admin, redo);

        // The re-do's Worker dies as well (a mapping that crashes every process that runs it).
        await MakeStaleAsync(redo);

        var quarantined = await WaitUntilAsync(tenant.Admin, redo, r => r["status"]!.GetValue<string>() is not "running");
        Assert.That(quarantined["status"]!.GetValue<string>(), Is.EqualTo("failed"), quarantined.ToJsonString());
        Assert.That(quarantined["error"]!.GetValue<string>(), Does.StartWith("Quarantined: the Worker process running this resync died"));
        var shown = await tenant.Admin.GetAsync($"/api/v1/installations/{installation}").ExpectAsync(HttpStatusCode.OK);
        Assert.That(shown["status"]!.GetValue<string>(), Is.EqualTo("needsAttention"));
        Assert.That(shown["statusReason"]!.GetValue<string>(), Does.StartWith("Quarantined"));
        Assert.That(shown["lastRun"]!["id"]!.GetValue<string>(), Is.EqualTo(redo), "no third run was queued");
        var runs = (await tenant.Admin.GetAsync($"/api/v1/installations/{installation}/resyncs").ExpectAsync(HttpStatusCode.OK))["items"]!.AsArray();
        Assert.That(runs, Has.Count.EqualTo(2));
    }

    /// <summary>A run as a killed Worker leaves it: running, heartbeat long gone.</summary>
    private async Task MakeStaleAsync(string runId)
    {
        await using var connection = new NpgsqlConnection(Harness.Api.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "UPDATE runner.resync_runs SET status = 'Running', finished_at = NULL, heartbeat_at = now() - interval '1 minute' WHERE id = $1", connection);
        command.Parameters.AddWithValue(Guid.Parse(runId));
        await command.ExecuteNonQueryAsync();
    }

    [Test]
    public async Task A_mapping_that_fails_every_object_of_a_kind_makes_the_installation_need_attention_until_a_good_run()
    {
        var (tenant, installation, _) = await Harness.InstallAsync(mapping: Projects);
        const string failing = """
            resources:
              - kind: project
                selector: {query: 'true'}
                port: {entity: {mappings: {identifier: .id, title: .name, blueprint: '"azureDevopsProject"'}}}
              - kind: repository
                selector: {query: 'true'}
                port: {entity: {mappings: {identifier: .id, title: 'error("no title for " + .name)', blueprint: '"azureDevopsRepository"'}}}
            """;
        await tenant.Admin.PutAsync($"/api/v1/installations/{installation}/mapping", new StringContent(failing, Encoding.UTF8, "application/yaml"))
            .ExpectAsync(HttpStatusCode.NoContent);

        var failed = await ResyncAsync(tenant.Admin, installation);

        var repositories = Kind(failed, "repository");
        Assert.That(repositories["mappingErrors"]!.GetValue<long>(), Is.EqualTo(repositories["fetched"]!.GetValue<long>()).And.Positive);
        var shown = await tenant.Admin.GetAsync($"/api/v1/installations/{installation}").ExpectAsync(HttpStatusCode.OK);
        Assert.That(shown["status"]!.GetValue<string>(), Is.EqualTo("needsAttention"));
        Assert.That(shown["statusReason"]!.GetValue<string>(), Does.StartWith("The mapping failed on every object of kind 'repository'").And.Contain("no title for"));

        await tenant.Admin.PutAsync($"/api/v1/installations/{installation}/mapping", new StringContent(Projects, Encoding.UTF8, "application/yaml"))
            .ExpectAsync(HttpStatusCode.NoContent);
        Assert.That((await ResyncAsync(tenant.Admin, installation))["status"]!.GetValue<string>(), Is.EqualTo("succeeded"));
        shown = await tenant.Admin.GetAsync($"/api/v1/installations/{installation}").ExpectAsync(HttpStatusCode.OK);
        Assert.That(shown["status"]!.GetValue<string>(), Is.EqualTo("active"));
        Assert.That(shown["statusReason"], Is.Null);
    }

    [Test]
    public async Task A_resource_removed_from_the_mapping_has_its_entities_deleted_by_the_next_complete_run()
    {
        var (tenant, installation, _) = await Harness.InstallAsync(mapping: Projects);
        var repositories = await CountEntitiesAsync(tenant.Admin, "azureDevopsRepository");
        Assert.That(repositories, Is.Positive);
        var projectsOnly = Projects[..Projects.IndexOf("  - kind: repository", StringComparison.Ordinal)];
        await tenant.Admin.PutAsync($"/api/v1/installations/{installation}/mapping", new StringContent(projectsOnly, Encoding.UTF8, "application/yaml"))
            .ExpectAsync(HttpStatusCode.NoContent);

        var run = await ResyncAsync(tenant.Admin, installation);

        Assert.That(run["status"]!.GetValue<string>(), Is.EqualTo("succeeded"), run.ToJsonString());
        var report = run["report"]!["blueprints"]!.AsArray().Single(b => b!["blueprint"]!.GetValue<string>() == "azureDevopsRepository")!;
        Assert.That(report["deletionRan"]!.GetValue<bool>(), Is.True);
        Assert.That(report["deleted"]!.GetValue<long>(), Is.EqualTo(repositories));
        Assert.That(await CountEntitiesAsync(tenant.Admin, "azureDevopsRepository"), Is.Zero);
        Assert.That(await CountEntitiesAsync(tenant.Admin, "azureDevopsProject"), Is.Positive);
    }

    [Test]
    public async Task Deleting_an_installation_deletes_its_entities_in_the_background_unless_asked_to_keep_them()
    {
        var (deleting, deleted, _) = await Harness.InstallAsync(mapping: Projects);
        var (keeping, kept, _) = await Harness.InstallAsync(mapping: Projects);
        var keptProjects = await CountEntitiesAsync(keeping.Admin, "azureDevopsProject");
        Assert.That(await CountEntitiesAsync(deleting.Admin, "azureDevopsProject"), Is.Positive);

        await deleting.Admin.DeleteAsync($"/api/v1/installations/{deleted}").ExpectAsync(HttpStatusCode.NoContent);
        await keeping.Admin.DeleteAsync($"/api/v1/installations/{kept}?keepEntities=true").ExpectAsync(HttpStatusCode.NoContent);

        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (await CountEntitiesAsync(deleting.Admin, "azureDevopsProject") + await CountEntitiesAsync(deleting.Admin, "azureDevopsRepository") > 0)
        {
            Assert.That(DateTime.UtcNow, Is.LessThan(deadline), "the deleted installation's entities are still there");
            await Task.Delay(200);
        }
        var page = await keeping.Admin.GetAsync("/api/v1/blueprints/azureDevopsProject/entities").ExpectAsync(HttpStatusCode.OK);
        Assert.That(page["items"]!.AsArray(), Has.Count.EqualTo(keptProjects));
        Assert.That(page["items"]!.AsArray().Select(e => e!["installationId"]), Has.All.Null, "kept entities belong to no installation any more");
    }

    [Test]
    public async Task A_transient_failure_is_retried_twice_with_back_off_then_left_to_the_schedule()
    {
        var tenant = await Harness.Api.CreateTenantAsync();
        // Nothing listens on port 1: every attempt fails to connect.
        var created = await tenant.Admin.PostAsJsonAsync("/api/v1/installations", new
        {
            integrationType = "azure-devops",
            name = "Unreachable",
            integrationSettings = new { organizationUrl = "http://127.0.0.1:1/nowhere", personalAccessToken = new { newSecret = new { name = "pat", value = "x" } } },
        }).ExpectAsync(HttpStatusCode.Created);
        var installation = created["id"]!.GetValue<string>();

        var deadline = DateTime.UtcNow.AddMinutes(2);
        JsonNode runs;
        do
        {
            runs = (await tenant.Admin.GetAsync($"/api/v1/installations/{installation}/resyncs").ExpectAsync(HttpStatusCode.OK))["items"]!;
            Assert.That(DateTime.UtcNow, Is.LessThan(deadline), runs.ToJsonString());
            await Task.Delay(200);
        }
        while (runs.AsArray().Count < 3 || runs.AsArray().Any(r => r!["status"]!.GetValue<string>() is "queued" or "running"));

        Assert.That(runs.AsArray().Select(r => r!["attempt"]!.GetValue<int>()), Is.EqualTo(new[] { 3, 2, 1 }));
        Assert.That(runs.AsArray().Select(r => r!["status"]!.GetValue<string>()), Has.All.EqualTo("failed"));
        Assert.That(runs[0]!["retryOf"]!.GetValue<string>(), Is.EqualTo(runs[1]!["id"]!.GetValue<string>()));
        Assert.That(runs[0]!["trigger"]!.GetValue<string>(), Is.EqualTo("retry"));
    }
}
