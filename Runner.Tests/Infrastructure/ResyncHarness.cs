using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Runner.Tools.AdoSandbox;

namespace Runner.Tests.Infrastructure;

/// <summary>
/// Everything a resync needs, real and on loopback: the Azure DevOps sandbox, the Api, the Worker
/// (with its Hangfire server) and PostgreSQL. Tests create tenants and installations against it.
/// </summary>
public sealed class ResyncHarness : IAsyncDisposable
{
    public const string Pat = "sandbox-pat-for-tests";

    private ResyncHarness(AdoSandboxHost sandbox, RunnerApiFactory api, RunnerWorkerFactory worker)
    {
        Sandbox = sandbox;
        Api = api;
        Worker = worker;
    }

    public AdoSandboxHost Sandbox { get; }
    public RunnerApiFactory Api { get; }
    public RunnerWorkerFactory Worker { get; private set; }

    /// <summary>Stops the Worker and starts a fresh one with the same settings: nothing in memory survives.</summary>
    public async Task RestartWorkerAsync(Func<Task> whileStopped)
    {
        var settings = Worker.Settings;
        await Worker.DisposeAsync();
        await whileStopped();
        Worker = new RunnerWorkerFactory(Api.ConnectionString, Api.KekBase64, settings);
        Worker.Start();
    }

    public static async Task<ResyncHarness> StartAsync(SandboxOptions sandboxOptions, IReadOnlyDictionary<string, string?>? workerSettings = null)
    {
        sandboxOptions.Pat = Pat;
        var sandbox = await AdoSandboxHost.StartAsync(sandboxOptions);
        // A database of its own: no jobs queued by other fixtures reach this harness's Worker.
        var database = await TestDatabase.CreateDatabaseAsync("runner_resync");
        await TestDatabase.MigrateAsync(database);
        var api = new RunnerApiFactory(database, new Dictionary<string, string?> { ["Runner:Egress:AllowPrivateNetworks"] = "true" });
        var worker = new RunnerWorkerFactory(api.ConnectionString, api.KekBase64, workerSettings);
        worker.Start();
        return new ResyncHarness(sandbox, api, worker);
    }

    /// <summary>
    /// Like <see cref="StartAsync"/>, with live events on: the Worker gives Azure DevOps (the sandbox) the Api's own
    /// loopback URL and checks subscriptions every second (or every <paramref name="checkInterval"/>).
    /// </summary>
    public static async Task<ResyncHarness> StartWithLiveEventsAsync(SandboxOptions sandboxOptions, TimeSpan? checkInterval = null)
    {
        sandboxOptions.Pat = Pat;
        var sandbox = await AdoSandboxHost.StartAsync(sandboxOptions);
        var database = await TestDatabase.CreateDatabaseAsync("runner_live");
        await TestDatabase.MigrateAsync(database);
        var api = new RunnerApiFactory(database, new Dictionary<string, string?>
        {
            ["Runner:Egress:AllowPrivateNetworks"] = "true",
            ["Runner:LiveEvents:PublicUrl"] = "http://127.0.0.1/",
        });
        using var client = api.CreateClient();
        var worker = new RunnerWorkerFactory(api.ConnectionString, api.KekBase64, new Dictionary<string, string?>
        {
            ["Runner:LiveEvents:PublicUrl"] = client.BaseAddress!.ToString(),
            ["Runner:LiveEvents:CheckInterval"] = (checkInterval ?? TimeSpan.FromSeconds(1)).ToString("c", System.Globalization.CultureInfo.InvariantCulture),
        });
        worker.Start();
        return new ResyncHarness(sandbox, api, worker);
    }

    /// <summary>Creates a tenant and an installation (with the given mapping, else the default) and waits for its first resync.</summary>
    public async Task<(ApiCalls.TestTenant Tenant, string InstallationId, JsonNode FirstRun)> InstallAsync(string pat = Pat, string? mapping = null)
    {
        var tenant = await Api.CreateTenantAsync();
        var installation = await tenant.Admin.PostAsJsonAsync("/api/v1/installations", new
        {
            integrationType = "azure-devops",
            name = "Sandbox",
            integrationSettings = new { organizationUrl = Sandbox.BaseUrl, personalAccessToken = new { newSecret = new { name = "pat", value = pat } } },
            applicationSettings = new { resyncIntervalHours = 1, sendRawDataExamples = true },
            mapping,
        }).ExpectAsync(HttpStatusCode.Created);
        var id = installation["id"]!.GetValue<string>();
        Assert.That(installation["lastRun"]!["trigger"]!.GetValue<string>(), Is.EqualTo("initial"));
        return (tenant, id, await WaitAsync(tenant.Admin, installation["lastRun"]!["id"]!.GetValue<string>()));
    }

    /// <summary>Triggers a manual resync and waits until it has finished.</summary>
    public static async Task<JsonNode> ResyncAsync(HttpClient admin, string installationId)
    {
        var run = await admin.PostAsync($"/api/v1/installations/{installationId}/resyncs", null).ExpectAsync(HttpStatusCode.Accepted);
        return await WaitAsync(admin, run["id"]!.GetValue<string>());
    }

    /// <summary>Polls a run (deadline 3 minutes) until it has finished.</summary>
    public static Task<JsonNode> WaitAsync(HttpClient admin, string runId) =>
        WaitUntilAsync(admin, runId, run => run["status"]!.GetValue<string>() is not ("queued" or "running"));

    /// <summary>Polls a run (deadline 3 minutes) until the condition holds.</summary>
    public static async Task<JsonNode> WaitUntilAsync(HttpClient admin, string runId, Func<JsonNode, bool> condition)
    {
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (true)
        {
            var run = await admin.GetAsync($"/api/v1/resyncs/{runId}").ExpectAsync(HttpStatusCode.OK);
            if (condition(run))
            {
                return run;
            }
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"the run did not get there in time: {run.ToJsonString()}");
            }
            await Task.Delay(100);
        }
    }

    /// <summary>The sweeper abandons a run, then queues its re-do: polls (deadline 1 minute) until the re-do appears.</summary>
    public static async Task<string> RedoOfAsync(HttpClient admin, string installationId, string abandonedRunId)
    {
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (true)
        {
            var runs = (await admin.GetAsync($"/api/v1/installations/{installationId}/resyncs").ExpectAsync(HttpStatusCode.OK))["items"]!.AsArray();
            if (runs.FirstOrDefault(r => r!["retryOf"]?.GetValue<string>() == abandonedRunId) is { } redo)
            {
                return redo["id"]!.GetValue<string>();
            }
            Assert.That(DateTime.UtcNow, Is.LessThan(deadline), $"no re-do of {abandonedRunId}: {runs.ToJsonString()}");
            await Task.Delay(100);
        }
    }

    public static JsonNode Kind(JsonNode run, string kind) =>
        run["report"]!["kinds"]!.AsArray().Single(k => k!["kind"]!.GetValue<string>() == kind)!;

    /// <summary>Entities of the blueprint that a resync wrote (placeholders for missing relation targets excluded).</summary>
    public static async Task<long> CountEntitiesAsync(HttpClient client, string blueprint)
    {
        long count = 0;
        string? cursor = null;
        do
        {
            var page = await client.GetAsync($"/api/v1/blueprints/{blueprint}/entities?limit=500{(cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}")}")
                .ExpectAsync(HttpStatusCode.OK);
            count += page["items"]!.AsArray().Count(e => !e!["placeholder"]!.GetValue<bool>());
            cursor = page["nextCursor"]?.GetValue<string>();
        }
        while (cursor is not null);
        return count;
    }

    public async ValueTask DisposeAsync()
    {
        await Worker.DisposeAsync();
        await Api.DisposeAsync();
        await Sandbox.DisposeAsync();
    }
}
