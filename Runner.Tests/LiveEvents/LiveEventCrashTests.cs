using System.Net;
using System.Net.Http.Json;
using Npgsql;
using Runner.Tests.Infrastructure;
using Runner.Tools.AdoSandbox;
using Runner.Tools.AdoSandbox.Faults;
using static Runner.Tests.Infrastructure.ResyncHarness;

namespace Runner.Tests.LiveEvents;

/// <summary>
/// A real Worker process SIGKILLed after the intake accepted an event and while it tries to apply it: the inbox keeps the
/// event, and the next Worker process applies it once.
/// </summary>
public sealed class LiveEventCrashTests
{
    private const string Mapping = """
        resources:
          - kind: work-item
            selector:
              query: 'true'
            port:
              entity:
                mappings:
                  identifier: .id | tostring
                  title: .fields."System.Title"
                  blueprint: '"azureDevopsWorkItem"'
        """;

    private AdoSandboxHost _sandbox = null!;
    private RunnerApiFactory _api = null!;
    private Dictionary<string, string> _workerSettings = null!;
    private readonly List<WorkerProcess> _workers = [];

    [SetUp]
    public async Task Start()
    {
        _sandbox = await AdoSandboxHost.StartAsync(new SandboxOptions { Organization = "livecrash", Pat = Pat, Projects = 1, WorkItemsPerProject = 5, TeamsPerProject = 1, ReposPerProject = 1, PipelinesPerProject = 0 });
        var database = await TestDatabase.CreateDatabaseAsync("runner_livecrash");
        await TestDatabase.MigrateAsync(database);
        _api = new RunnerApiFactory(database, new Dictionary<string, string?>
        {
            ["Runner:Egress:AllowPrivateNetworks"] = "true",
            ["Runner:LiveEvents:PublicUrl"] = "http://127.0.0.1/",
        });
        using var client = _api.CreateClient();
        _workerSettings = new Dictionary<string, string>
        {
            ["Runner:Egress:AllowPrivateNetworks"] = "true",
            ["Runner:LiveEvents:PublicUrl"] = client.BaseAddress!.ToString(),
            ["Runner:LiveEvents:CheckInterval"] = "00:00:01",
        };
        _workers.Add(WorkerProcess.Start(_api.ConnectionString, _api.KekBase64, _workerSettings));
    }

    [TearDown]
    public async Task Stop()
    {
        _workers.ForEach(w => w.Dispose());
        _workers.Clear();
        await _api.DisposeAsync();
        await _sandbox.DisposeAsync();
    }

    [Test]
    public async Task A_worker_killed_while_applying_an_accepted_event_leaves_it_to_the_next_worker_which_applies_it_once()
    {
        var tenant = await _api.CreateTenantAsync();
        var created = await tenant.Admin.PostAsJsonAsync("/api/v1/installations", new
        {
            integrationType = "azure-devops",
            name = "Live crash",
            integrationSettings = new { organizationUrl = _sandbox.BaseUrl, personalAccessToken = new { newSecret = new { name = "pat", value = Pat } } },
            mapping = Mapping,
        }).ExpectAsync(HttpStatusCode.Created);
        var id = created["id"]!.GetValue<string>();
        var first = await WaitAsync(tenant.Admin, created["lastRun"]!["id"]!.GetValue<string>());
        Assert.That(first["status"]!.GetValue<string>(), Is.EqualTo("succeeded"), first.ToJsonString());
        await PollAsync(async () => (await tenant.Admin.GetAsync($"/api/v1/installations/{id}").ExpectAsync(HttpStatusCode.OK))["liveEvents"]!["status"]!.GetValue<string>() == "active",
            "live events active");
        var item = (await tenant.Admin.GetAsync("/api/v1/blueprints/azureDevopsWorkItem/entities?limit=1").ExpectAsync(HttpStatusCode.OK))["items"]![0]!["identifier"]!.GetValue<string>();

        // The re-fetch fails until the Worker is dead, so it cannot apply the event before the kill.
        _sandbox.Faults.Settings = new FaultSettings { PathContains = "/_apis/wit/workitems/", ServerErrorEveryNth = 1 };
        await ChangeAsync($"work-items/{item}", new { fields = new Dictionary<string, object> { ["System.Title"] = "Survives the kill" } });
        await PollAsync(async () => await InboxAsync(id) is { Attempts: >= 1 }, "the Worker to have tried the event");
        _workers.Single().Kill();
        await _workers.Single().WaitForExitAsync(TimeSpan.FromSeconds(30));
        _sandbox.Faults.Settings = new FaultSettings();
        var pending = (await InboxAsync(id))!;
        Assert.That((pending.Count, pending.Applied), Is.EqualTo((1L, false)), "pending in the inbox");
        Assert.That(await TitleAsync(tenant.Admin, item), Is.Not.EqualTo("Survives the kill"));

        _workers.Add(WorkerProcess.Start(_api.ConnectionString, _api.KekBase64, _workerSettings));

        await PollAsync(async () => await TitleAsync(tenant.Admin, item) == "Survives the kill", "the event applied by the new Worker");
        await PollAsync(async () => await InboxAsync(id) is { Applied: true }, "the inbox row marked applied");
        Assert.That((await InboxAsync(id))!.Count, Is.EqualTo(1));
        var live = (await tenant.Admin.GetAsync($"/api/v1/installations/{id}").ExpectAsync(HttpStatusCode.OK))["liveEvents"]!;
        Assert.That(live["applied"]!.GetValue<long>(), Is.EqualTo(1), "applied once");
    }

    private sealed record Inbox(long Count, bool Applied, int Attempts);

    private async Task<Inbox?> InboxAsync(string installationId)
    {
        await using var connection = new NpgsqlConnection(_api.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT count(*), bool_and(applied_at IS NOT NULL), max(attempts) FROM runner.live_events WHERE installation_id = $1 HAVING count(*) > 0", connection);
        command.Parameters.AddWithValue(Guid.Parse(installationId));
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync() ? new Inbox(reader.GetInt64(0), reader.GetBoolean(1), reader.GetInt32(2)) : null;
    }

    private static async Task<string?> TitleAsync(HttpClient admin, string identifier) =>
        (await admin.GetAsync($"/api/v1/blueprints/azureDevopsWorkItem/entities/{identifier}").ExpectAsync(HttpStatusCode.OK))["title"]?.GetValue<string>();

    private async Task ChangeAsync(string path, object body)
    {
        using var control = new HttpClient { BaseAddress = _sandbox.Root };
        using var response = await control.PatchAsJsonAsync("_sandbox/changes/" + path, body);
        Assert.That(response.IsSuccessStatusCode, Is.True, await response.Content.ReadAsStringAsync());
    }

    private static async Task PollAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (!await condition())
        {
            Assert.That(DateTime.UtcNow, Is.LessThan(deadline), $"timed out waiting for {what}");
            await Task.Delay(100);
        }
    }
}
