using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Runner.Domain.Resync.Scheduling;
using Runner.Tests.Infrastructure;
using Runner.Tools.AdoSandbox;
using static Runner.Tests.Infrastructure.ResyncHarness;

namespace Runner.Tests.Resync;

/// <summary>
/// Scheduled runs between full resyncs fetch only what the sandbox's touch call changed, from each kind's cursor, and
/// delete nothing; a manual run is full and reconciles.
/// </summary>
public sealed class IncrementalResyncTests
{
    private const string Mapping = """
        resources:
          - kind: project
            selector: {query: 'true'}
            port: {entity: {mappings: {identifier: .id, title: .name, blueprint: '"incProject"'}}}
          - kind: work-item
            selector: {query: 'true'}
            port: {entity: {mappings: {identifier: .id | tostring, title: .fields."System.Title", blueprint: '"incWorkItem"', properties: {rev: .rev}}}}
          - kind: build
            selector: {query: 'true'}
            port: {entity: {mappings: {identifier: .id | tostring, title: .buildNumber, blueprint: '"incBuild"'}}}
        """;

    private ResyncHarness _harness = null!;

    [OneTimeSetUp]
    public async Task Start() => _harness = await StartAsync(new SandboxOptions
    {
        Organization = "incremental", Projects = 2, WorkItemsPerProject = 60, BuildsPerProject = 8, MaxPageSize = 10,
    });

    [OneTimeTearDown]
    public ValueTask Stop() => _harness.DisposeAsync();

    [Test]
    public async Task A_scheduled_run_between_full_runs_upserts_only_the_changed_objects_and_deletes_nothing()
    {
        var (tenant, installation, first) = await _harness.InstallAsync(mapping: Mapping);
        Assert.That(first["mode"]!.GetValue<string>(), Is.EqualTo("full"));
        foreach (var blueprint in new[] { "incProject", "incWorkItem", "incBuild" })
        {
            await tenant.Admin.PutAsJsonAsync($"/api/v1/blueprints/{blueprint}", new { title = blueprint }).ExpectAsync(HttpStatusCode.OK);
        }
        var workItems = await CountEntitiesAsync(tenant.Admin, "incWorkItem");

        var touched = await TouchAsync("work-item", 5);
        await TouchAsync("build", 3);
        _harness.Sandbox.Options.DeletedFraction = 0.2;

        var incremental = await ScheduledRunAsync(tenant.Admin, installation);
        Assert.That(incremental["status"]!.GetValue<string>(), Is.EqualTo("succeeded"), incremental.ToJsonString());
        Assert.That(incremental["mode"]!.GetValue<string>(), Is.EqualTo("incremental"));
        var kinds = incremental["report"]!["kinds"]!.AsArray().ToDictionary(k => k!["kind"]!.GetValue<string>(), k => k!);
        Assert.That(kinds.Keys, Is.EquivalentTo(new[] { "work-item", "build" }), "project is not incremental: left for the next full run");
        Assert.That(kinds["work-item"]["changedSince"]!.GetValue<DateTimeOffset>(), Is.GreaterThan(first["startedAt"]!.GetValue<DateTimeOffset>()));
        // Touched objects hidden by the new deletions are gone from the answer, never deleted from the catalog.
        Assert.That(kinds["work-item"]["fetched"]!.GetValue<long>(), Is.InRange(1, touched.Count));
        Assert.That(kinds["work-item"]["upserted"]!.GetValue<long>(), Is.EqualTo(kinds["work-item"]["fetched"]!.GetValue<long>()), "a touch raises the revision");
        Assert.That(kinds["build"]["fetched"]!.GetValue<long>(), Is.InRange(1, 3));
        Assert.That(incremental["report"]!["blueprints"]!.AsArray(), Is.Empty, "an incremental run reconciles nothing");
        Assert.That(await CountEntitiesAsync(tenant.Admin, "incWorkItem"), Is.EqualTo(workItems));

        var again = await ScheduledRunAsync(tenant.Admin, installation);
        Assert.That(again["mode"]!.GetValue<string>(), Is.EqualTo("incremental"));
        Assert.That(Kind(again, "work-item")["fetched"]!.GetValue<long>(), Is.Zero, "the cursor moved past the touched items");

        var full = await ResyncAsync(tenant.Admin, installation);
        Assert.That(full["mode"]!.GetValue<string>(), Is.EqualTo("full"));
        Assert.That(await CountEntitiesAsync(tenant.Admin, "incWorkItem"), Is.EqualTo(_harness.Sandbox.ExpectedCounts()["work-item"]));
    }

    [Test]
    public async Task With_incremental_sync_off_a_scheduled_run_is_full()
    {
        var (tenant, installation, _) = await _harness.InstallAsync(mapping: Mapping);
        await tenant.Admin.PatchAsJsonAsync($"/api/v1/installations/{installation}", new { applicationSettings = new { incrementalSync = false } })
            .ExpectAsync(HttpStatusCode.OK);
        await tenant.Admin.PatchAsJsonAsync($"/api/v1/installations/{installation}", new { applicationSettings = new { fullResyncIntervalHours = 5 } })
            .ExpectProblemAsync(HttpStatusCode.BadRequest, "applicationSettings.fullResyncIntervalHours", "must be one of 6, 12, 24, 48, 168");

        var run = await ScheduledRunAsync(tenant.Admin, installation);
        Assert.That(run["mode"]!.GetValue<string>(), Is.EqualTo("full"));
        Assert.That(run["report"]!["kinds"]!.AsArray(), Has.Count.EqualTo(3));
    }

    private async Task<List<string>> TouchAsync(string kind, int count)
    {
        using var control = new HttpClient { BaseAddress = _harness.Sandbox.Root };
        using var response = await control.PostAsJsonAsync("_sandbox/touch", new { kind, count });
        Assert.That(response.IsSuccessStatusCode, Is.True, await response.Content.ReadAsStringAsync());
        var body = await response.Content.ReadFromJsonAsync<JsonObject>();
        return [.. body!["touched"]!.AsArray().Select(id => id!.ToString())];
    }

    /// <summary>Runs the installation's recurring job as Hangfire would, then waits for the run it queued.</summary>
    private async Task<JsonNode> ScheduledRunAsync(HttpClient admin, string installation)
    {
        await using (var scope = _harness.Worker.Services.CreateAsyncScope())
        {
            // At its due time, so the run is not a catch-up (which waits a spread delay).
            var id = Guid.Parse(installation);
            var due = ResyncCron.LastDue(ResyncCron.Cron(id, 1), 1, DateTimeOffset.UtcNow)!.Value;
            var job = ActivatorUtilities.CreateInstance<ScheduledResyncJob>(scope.ServiceProvider, (TimeProvider)new FakeTimeProvider(due));
            await job.RunAsync(id, CancellationToken.None);
        }
        var latest = (await admin.GetAsync($"/api/v1/installations/{installation}/resyncs").ExpectAsync(HttpStatusCode.OK))["items"]![0]!;
        Assert.That(latest["trigger"]!.GetValue<string>(), Is.EqualTo("scheduled"));
        return await WaitAsync(admin, latest["id"]!.GetValue<string>());
    }
}
