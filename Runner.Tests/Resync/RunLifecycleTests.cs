using System.Net;
using System.Net.Http.Json;
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
    public async Task A_run_whose_worker_stopped_heartbeating_is_abandoned_and_redone()
    {
        var (tenant, installation, first) = await Harness.InstallAsync(mapping: Projects);
        // A run as a killed Worker leaves it: running, heartbeat long gone.
        await using (var connection = new NpgsqlConnection(Harness.Api.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(
                "UPDATE runner.resync_runs SET status = 'Running', finished_at = NULL, heartbeat_at = now() - interval '1 minute' WHERE id = $1", connection);
            command.Parameters.AddWithValue(Guid.Parse(first["id"]!.GetValue<string>()));
            await command.ExecuteNonQueryAsync();
        }

        var abandoned = await WaitUntilAsync(tenant.Admin, first["id"]!.GetValue<string>(), r => r["status"]!.GetValue<string>() == "abandoned");
        Assert.That(abandoned["reason"]!.GetValue<string>(), Does.StartWith("Abandoned: its Worker stopped"));
        var redo = await RedoOfAsync(tenant.Admin, installation, first["id"]!.GetValue<string>());
        Assert.That((await WaitAsync(tenant.Admin, redo))["status"]!.GetValue<string>(), Is.EqualTo("succeeded"));
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
