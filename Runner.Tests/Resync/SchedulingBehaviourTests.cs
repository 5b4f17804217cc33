using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Hangfire;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Runner.Domain.Resync;
using Runner.Domain.Tenants;
using Runner.Tests.Infrastructure;
using Runner.Tools.AdoSandbox;
using Runner.Tools.AdoSandbox.Faults;
using static Runner.Tests.Infrastructure.ResyncHarness;

namespace Runner.Tests.Resync;

/// <summary>What happens when runs are due, collide, wait for their tenant's share, die, or are asked to stop.</summary>
public sealed class SchedulingBehaviourTests
{
    private const string Projects = """
        resources:
          - kind: project
            selector: {query: 'true'}
            port: {entity: {mappings: {identifier: .id, title: .name, blueprint: '"azureDevopsProject"'}}}
          - kind: repository
            selector: {query: 'true'}
            port: {entity: {mappings: {identifier: .id, title: .name, blueprint: '"azureDevopsRepository"'}}}
        """;

    private ResyncHarness _harness = null!;

    [OneTimeSetUp]
    public async Task Start() => _harness = await StartAsync(new SandboxOptions { Organization = "adventure", Projects = 3 }, new Dictionary<string, string?>
    {
        ["Runner:Worker:WorkerCount"] = "6",
        ["Runner:Resync:HeartbeatInterval"] = "00:00:01",
        ["Runner:Resync:HeartbeatTimeout"] = "00:00:04",
        ["Runner:Resync:SweepInterval"] = "00:00:01",
        ["Runner:Resync:DeferDelay"] = "00:00:01",
        ["Runner:Resync:RetryDelay"] = "00:00:01",
        ["Runner:AzureDevOps:MaxRetries"] = "1",
        ["Runner:AzureDevOps:RetryBaseDelay"] = "00:00:00.100",
    });

    [OneTimeTearDown]
    public ValueTask Stop() => _harness.DisposeAsync();

    [TearDown]
    public void ResetSandbox() => _harness.Sandbox.Faults.Settings = new FaultSettings();

    private async Task<T> InWorkerScopeAsync<T>(Guid tenantId, Func<IServiceProvider, Task<T>> action)
    {
        await using var scope = _harness.Worker.Services.CreateAsyncScope();
        if (tenantId != Guid.Empty)
        {
            scope.ServiceProvider.GetRequiredService<TenantContext>().Set(tenantId);
        }
        return await action(scope.ServiceProvider);
    }

    /// <summary>Runs an installation's scheduled job as its recurring job would, at <paramref name="now"/>.</summary>
    private Task RunScheduledAsync(Guid installationId, DateTimeOffset? now = null) => InWorkerScopeAsync(Guid.Empty, async sp =>
    {
        var job = now is null
            ? sp.GetRequiredService<ScheduledResyncJob>()
            : ActivatorUtilities.CreateInstance<ScheduledResyncJob>(sp, (TimeProvider)new FakeTimeProvider(now.Value));
        await job.RunAsync(installationId, CancellationToken.None);
        return 0;
    });

    private static DateTimeOffset DueTimeOf(Guid installationId) =>
        ResyncSchedule.LastDue(ResyncSchedule.Cron(installationId, 1), 1, DateTimeOffset.UtcNow)!.Value;

    private static async Task<JsonNode> LatestRunAsync(HttpClient admin, string installation) =>
        (await admin.GetAsync($"/api/v1/installations/{installation}/resyncs").ExpectAsync(HttpStatusCode.OK))["items"]![0]!;

    [Test]
    public async Task A_due_schedule_records_a_scheduled_run_with_its_due_time_and_runs_it()
    {
        var (tenant, installation, _) = await _harness.InstallAsync(mapping: Projects);
        var due = DueTimeOf(Guid.Parse(installation));
        await RunScheduledAsync(Guid.Parse(installation), due.AddSeconds(2));

        var run = await WaitAsync(tenant.Admin, (await LatestRunAsync(tenant.Admin, installation))["id"]!.GetValue<string>());
        Assert.That(run["trigger"]!.GetValue<string>(), Is.EqualTo("scheduled"));
        Assert.That(run["status"]!.GetValue<string>(), Is.EqualTo("succeeded"), run.ToJsonString());
        Assert.That(run["dueAt"]!.GetValue<DateTimeOffset>(), Is.EqualTo(due));
    }

    [Test]
    public async Task A_catch_up_after_an_outage_is_spread_out_instead_of_starting_at_once()
    {
        var (tenant, installation, _) = await _harness.InstallAsync(mapping: Projects);
        await RunScheduledAsync(Guid.Parse(installation), DueTimeOf(Guid.Parse(installation)).AddMinutes(40));

        var run = await LatestRunAsync(tenant.Admin, installation);
        Assert.That(run["status"]!.GetValue<string>(), Is.EqualTo("queued"));
        await using var connection = new NpgsqlConnection(_harness.Api.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT statename FROM hangfire.job WHERE arguments::text LIKE '%' || $1 || '%'", connection);
        command.Parameters.AddWithValue(run["id"]!.GetValue<string>());
        Assert.That(await command.ExecuteScalarAsync(), Is.EqualTo("Scheduled"), "its job waits for a per-installation delay");
    }

    [Test]
    public async Task A_due_schedule_while_a_run_is_active_is_recorded_as_skipped_with_the_reason()
    {
        var (tenant, installation, _) = await _harness.InstallAsync(mapping: Projects);
        _harness.Sandbox.Faults.Settings = new FaultSettings { LatencyMs = 400 };
        var manual = await tenant.Admin.PostAsync($"/api/v1/installations/{installation}/resyncs", null).ExpectAsync(HttpStatusCode.Accepted);

        await RunScheduledAsync(Guid.Parse(installation));

        var skipped = await LatestRunAsync(tenant.Admin, installation);
        Assert.That(skipped["status"]!.GetValue<string>(), Is.EqualTo("skipped"));
        Assert.That(skipped["reason"]!.GetValue<string>(), Is.EqualTo("Another resync of this installation was still queued or running."));
        _harness.Sandbox.Faults.Settings = new FaultSettings();
        Assert.That((await WaitAsync(tenant.Admin, manual["id"]!.GetValue<string>()))["status"]!.GetValue<string>(), Is.EqualTo("succeeded"));
    }

    [Test]
    public async Task An_installation_that_needs_attention_fails_fast_on_schedule_without_calling_the_source()
    {
        var (tenant, installation, _) = await _harness.InstallAsync(mapping: Projects);
        await tenant.Admin.PutAsJsonAsync("/api/v1/secrets/pat", new { value = "revoked" }).ExpectAsync(HttpStatusCode.OK);
        await ResyncAsync(tenant.Admin, installation);
        _harness.Sandbox.RequestLog.Clear();

        await RunScheduledAsync(Guid.Parse(installation));

        var run = await LatestRunAsync(tenant.Admin, installation);
        Assert.That(run["status"]!.GetValue<string>(), Is.EqualTo("failed"));
        Assert.That(run["error"]!.GetValue<string>(), Does.StartWith("Not run: the installation needs attention (Azure DevOps rejected the personal access token)"));
        Assert.That(_harness.Sandbox.RequestLog.TotalCount, Is.Zero);
    }

    [Test]
    public async Task A_schedule_without_its_installation_removes_itself()
    {
        var orphan = Guid.NewGuid();
        var recurring = _harness.Worker.Services.GetRequiredService<IRecurringJobManager>();
        recurring.AddOrUpdate<ScheduledResyncJob>(ResyncSchedule.RecurringJobId(orphan), job => job.RunAsync(orphan, CancellationToken.None), "0 * * * *");

        await RunScheduledAsync(orphan);

        using var connection = _harness.Worker.Services.GetRequiredService<JobStorage>().GetConnection();
        Assert.That(connection.GetAllEntriesFromHash($"recurring-job:{ResyncSchedule.RecurringJobId(orphan)}"), Is.Null);
    }

    [Test]
    public async Task A_tenant_runs_at_most_two_resyncs_at_once_and_does_not_starve_another_tenant()
    {
        _harness.Sandbox.Faults.Settings = new FaultSettings { LatencyMs = 60 };
        var busy = await _harness.Api.CreateTenantAsync("Busy");
        var installations = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            var created = await busy.Admin.PostAsJsonAsync("/api/v1/installations", SandboxInstallation($"busy-{i}", $"pat{i}")).ExpectAsync(HttpStatusCode.Created);
            installations.Add(created["lastRun"]!["id"]!.GetValue<string>());
        }
        var quiet = await _harness.Api.CreateTenantAsync("Quiet");
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
        var (tenant, installation, _) = await _harness.InstallAsync(mapping: Projects);
        var repositories = await CountEntitiesAsync(tenant.Admin, "azureDevopsRepository");
        _harness.Sandbox.Options.DeletedFraction = 0.5;
        _harness.Sandbox.Faults.Settings = new FaultSettings { LatencyMs = 300 };
        var run = await tenant.Admin.PostAsync($"/api/v1/installations/{installation}/resyncs", null).ExpectAsync(HttpStatusCode.Accepted);
        var id = run["id"]!.GetValue<string>();
        await WaitUntilAsync(tenant.Admin, id, r => r["status"]!.GetValue<string>() == "running");

        var asked = await tenant.Admin.PostAsync($"/api/v1/resyncs/{id}/cancel", null).ExpectAsync(HttpStatusCode.OK);
        Assert.That(asked["cancelRequested"]!.GetValue<bool>(), Is.True);
        var cancelled = await WaitAsync(tenant.Admin, id);

        _harness.Sandbox.Options.DeletedFraction = 0;
        Assert.That(cancelled["status"]!.GetValue<string>(), Is.EqualTo("cancelled"));
        Assert.That(cancelled["report"]!["blueprints"]!.AsArray(), Is.Empty, "reconciliation never ran");
        Assert.That(await CountEntitiesAsync(tenant.Admin, "azureDevopsRepository"), Is.EqualTo(repositories));
    }

    [Test]
    public async Task A_run_whose_worker_stopped_heartbeating_is_abandoned_and_redone()
    {
        var (tenant, installation, first) = await _harness.InstallAsync(mapping: Projects);
        // A run as a killed Worker leaves it: running, heartbeat long gone.
        await using (var connection = new NpgsqlConnection(_harness.Api.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(
                "UPDATE runner.resync_runs SET status = 'Running', finished_at = NULL, heartbeat_at = now() - interval '1 minute' WHERE id = $1", connection);
            command.Parameters.AddWithValue(Guid.Parse(first["id"]!.GetValue<string>()));
            await command.ExecuteNonQueryAsync();
        }

        var abandoned = await WaitUntilAsync(tenant.Admin, first["id"]!.GetValue<string>(), r => r["status"]!.GetValue<string>() == "abandoned");
        Assert.That(abandoned["reason"]!.GetValue<string>(), Does.StartWith("Abandoned: its Worker stopped"));
        var redo = await LatestRunAsync(tenant.Admin, installation);
        Assert.That(redo["retryOf"]!.GetValue<string>(), Is.EqualTo(first["id"]!.GetValue<string>()));
        Assert.That((await WaitAsync(tenant.Admin, redo["id"]!.GetValue<string>()))["status"]!.GetValue<string>(), Is.EqualTo("succeeded"));
    }

    [Test]
    public async Task A_transient_failure_is_retried_twice_with_back_off_then_left_to_the_schedule()
    {
        var tenant = await _harness.Api.CreateTenantAsync();
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

    private object SandboxInstallation(string name, string secretName) => new
    {
        integrationType = "azure-devops",
        name,
        integrationSettings = new { organizationUrl = _harness.Sandbox.BaseUrl, personalAccessToken = new { newSecret = new { name = secretName, value = Pat } } },
        mapping = Projects,
    };
}
