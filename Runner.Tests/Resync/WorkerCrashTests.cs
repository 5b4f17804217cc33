using System.Net;
using System.Net.Http.Json;
using Npgsql;
using Runner.Tests.Infrastructure;
using Runner.Tools.AdoSandbox;
using Runner.Tools.AdoSandbox.Faults;
using static Runner.Tests.Infrastructure.ResyncHarness;

namespace Runner.Tests.Resync;

/// <summary>Two real Worker processes on one PostgreSQL: one is killed or stopped mid-resync, the other finishes the job.</summary>
public sealed class WorkerCrashTests
{
    private static readonly Dictionary<string, string> WorkerSettings = new()
    {
        ["Runner:Egress:AllowPrivateNetworks"] = "true",
        ["Runner:Worker:WorkerCount"] = "2",
        ["Runner:Resync:HeartbeatInterval"] = "00:00:01",
        ["Runner:Resync:HeartbeatTimeout"] = "00:00:05",
        ["Runner:Resync:SweepInterval"] = "00:00:01",
    };

    private AdoSandboxHost _sandbox = null!;
    private RunnerApiFactory _api = null!;
    private readonly List<WorkerProcess> _workers = [];

    [SetUp]
    public async Task Start()
    {
        _sandbox = await AdoSandboxHost.StartAsync(new SandboxOptions { Organization = "crash", Pat = Pat, Projects = 4, ReposPerProject = 4, BranchesPerRepo = 5 },
            new FaultSettings { LatencyMs = 40 });
        var database = await TestDatabase.CreateDatabaseAsync("runner_crash");
        await TestDatabase.MigrateAsync(database);
        _api = new RunnerApiFactory(database, new Dictionary<string, string?> { ["Runner:Egress:AllowPrivateNetworks"] = "true" });
        _workers.Add(StartWorker());
        _workers.Add(StartWorker());
    }

    private WorkerProcess StartWorker() => WorkerProcess.Start(_api.ConnectionString, _api.KekBase64, WorkerSettings);

    [TearDown]
    public async Task Stop()
    {
        _workers.ForEach(w => w.Dispose());
        _workers.Clear();
        await _api.DisposeAsync();
        await _sandbox.DisposeAsync();
    }

    [Test]
    public async Task A_worker_killed_mid_resync_leaves_a_run_that_the_other_worker_redoes_to_the_same_catalog()
    {
        var (tenant, first) = await InstallAndWaitUntilRunningAsync();
        var victim = await WorkerRunningAsync(first);

        victim.Kill();

        var abandoned = await WaitUntilAsync(tenant.Admin, first, run => run["status"]!.GetValue<string>() == "abandoned");
        Assert.That(abandoned["reason"]!.GetValue<string>(), Does.StartWith("Abandoned"));
        var redo = await RedoOfAsync(tenant.Admin, abandoned["installationId"]!.GetValue<string>(), first);
        var finished = await WaitAsync(tenant.Admin, redo);

        Assert.That(finished["status"]!.GetValue<string>(), Is.EqualTo("succeeded"), finished.ToJsonString());
        await AssertCatalogIsCompleteAsync(tenant.Admin);
    }

    [Test]
    public async Task A_resync_whose_worker_is_killed_twice_is_quarantined_instead_of_redone_on_a_third_worker()
    {
        var (tenant, first) = await InstallAndWaitUntilRunningAsync();
        (await WorkerRunningAsync(first)).Kill();
        _workers.Add(StartWorker());
        var abandoned = await WaitUntilAsync(tenant.Admin, first, run => run["status"]!.GetValue<string>() == "abandoned");
        var installation = abandoned["installationId"]!.GetValue<string>();
        var redo = await RedoOfAsync(tenant.Admin, installation, first);
        await WaitUntilAsync(tenant.Admin, redo, run => run["status"]!.GetValue<string>() == "running" && run["report"]!["kinds"]!.AsArray().Count > 2);

        (await WorkerRunningAsync(redo)).Kill();

        var quarantined = await WaitUntilAsync(tenant.Admin, redo, run => run["status"]!.GetValue<string>() != "running");
        Assert.That(quarantined["status"]!.GetValue<string>(), Is.EqualTo("failed"), quarantined.ToJsonString());
        Assert.That(quarantined["error"]!.GetValue<string>(), Does.StartWith("Quarantined"));
        var shown = await tenant.Admin.GetAsync($"/api/v1/installations/{installation}").ExpectAsync(HttpStatusCode.OK);
        Assert.That(shown["status"]!.GetValue<string>(), Is.EqualTo("needsAttention"));
        Assert.That(shown["lastRun"]!["id"]!.GetValue<string>(), Is.EqualTo(redo), "no third run was queued");
        Assert.That(_workers.Count(w => !w.HasExited), Is.EqualTo(1), "the Worker that swept it is still up");
    }

    [Test]
    public async Task A_worker_stopped_gracefully_hands_its_run_back_and_the_other_worker_completes_it()
    {
        var (tenant, first) = await InstallAndWaitUntilRunningAsync();
        var stopping = await WorkerRunningAsync(first);

        stopping.Terminate();
        await stopping.WaitForExitAsync(TimeSpan.FromSeconds(60));

        var finished = await WaitAsync(tenant.Admin, first);
        Assert.That(finished["status"]!.GetValue<string>(), Is.EqualTo("succeeded"), finished.ToJsonString());
        await AssertCatalogIsCompleteAsync(tenant.Admin);
    }

    private async Task<(ApiCalls.TestTenant Tenant, string RunId)> InstallAndWaitUntilRunningAsync()
    {
        var tenant = await _api.CreateTenantAsync();
        var created = await tenant.Admin.PostAsJsonAsync("/api/v1/installations", new
        {
            integrationType = "azure-devops",
            name = "Crash test",
            integrationSettings = new { organizationUrl = _sandbox.BaseUrl, personalAccessToken = new { newSecret = new { name = "pat", value = Pat } } },
        }).ExpectAsync(HttpStatusCode.Created);
        var runId = created["lastRun"]!["id"]!.GetValue<string>();
        await WaitUntilAsync(tenant.Admin, runId, run => run["status"]!.GetValue<string>() == "running" && run["report"]!["kinds"]!.AsArray().Count > 2);
        return (tenant, runId);
    }

    /// <summary>The Worker process whose Hangfire server is processing the run's job (its server id carries the process id).</summary>
    private async Task<WorkerProcess> WorkerRunningAsync(string runId)
    {
        await using var connection = new NpgsqlConnection(_api.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT s.data::jsonb ->> 'ServerId' FROM hangfire.job j JOIN hangfire.state s ON s.id = j.stateid
            WHERE j.statename = 'Processing' AND j.arguments::text LIKE '%' || $1 || '%'
            """, connection);
        command.Parameters.AddWithValue(runId);
        var serverId = (string)(await command.ExecuteScalarAsync())!;
        return _workers.Single(w => serverId.Contains($":{w.Id}:", StringComparison.Ordinal));
    }

    private async Task AssertCatalogIsCompleteAsync(HttpClient admin)
    {
        var expected = _sandbox.ExpectedCounts();
        Assert.That(await CountEntitiesAsync(admin, "azureDevopsRepository"), Is.EqualTo(expected["repository"]));
        Assert.That(await CountEntitiesAsync(admin, "azureDevopsBranch"), Is.EqualTo(expected["branch"]));
        Assert.That(await CountEntitiesAsync(admin, "azureDevopsWorkItem"), Is.EqualTo(expected["work-item"]));
        Assert.That(await CountEntitiesAsync(admin, "azureDevopsPullRequest"), Is.EqualTo(expected["pull-request"]));
    }
}
