using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Runner.Domain.Resync.Scheduling;
using Runner.Domain.Tenants;
using Runner.Tests.Infrastructure;
using Runner.Tools.AdoSandbox;
using Runner.Tools.AdoSandbox.Faults;
using static Runner.Tests.Infrastructure.ResyncHarness;

namespace Runner.Tests.Resync;

/// <summary>A harness whose Worker heartbeats, sweeps, defers and retries on a test-sized clock (seconds, not minutes).</summary>

public abstract class SchedulingFixture
{
    protected const string Projects = """
        resources:
          - kind: project
            selector: {query: 'true'}
            port: {entity: {mappings: {identifier: .id, title: .name, blueprint: '"azureDevopsProject"'}}}
          - kind: repository
            selector: {query: 'true'}
            port: {entity: {mappings: {identifier: .id, title: .name, blueprint: '"azureDevopsRepository"'}}}
        """;

    protected ResyncHarness Harness { get; private set; } = null!;

    [OneTimeSetUp]
    public async Task Start() => Harness = await StartAsync(new SandboxOptions { Organization = "adventure", Projects = 3 }, new Dictionary<string, string?>
    {
        ["Runner:Worker:WorkerCount"] = "6",
        ["Runner:Resync:HeartbeatInterval"] = "00:00:01",
        ["Runner:Resync:HeartbeatTimeout"] = "00:00:04",
        // Room for RunLifecycleTests' deliberately slow mapping (5M iterations an object), so its pages outlast heartbeats.
        ["Runner:Mapping:Resync:MaxSteps"] = "50000000",
        ["Runner:Resync:SweepInterval"] = "00:00:01",
        ["Runner:Resync:DeferDelay"] = "00:00:01",
        ["Runner:Resync:QueuedJobGrace"] = "00:00:02",
        ["Runner:Resync:RetryDelay"] = "00:00:01",
        ["Runner:AzureDevOps:MaxRetries"] = "1",
        ["Runner:AzureDevOps:RetryBaseDelay"] = "00:00:00.100",
    });

    [OneTimeTearDown]
    public ValueTask Stop() => Harness.DisposeAsync();

    [TearDown]
    public void ResetSandbox() => Harness.Sandbox.Faults.Settings = new FaultSettings();

    protected async Task<T> InWorkerScopeAsync<T>(Guid tenantId, Func<IServiceProvider, Task<T>> action)
    {
        await using var scope = Harness.Worker.Services.CreateAsyncScope();
        if (tenantId != Guid.Empty)
        {
            scope.ServiceProvider.GetRequiredService<TenantContext>().Set(tenantId);
        }
        return await action(scope.ServiceProvider);
    }

    /// <summary>Runs an installation's scheduled job as its recurring job would, at <paramref name="now"/>.</summary>
    protected Task RunScheduledAsync(Guid installationId, DateTimeOffset? now = null) => InWorkerScopeAsync(Guid.Empty, async sp =>
    {
        var job = now is null
            ? sp.GetRequiredService<ScheduledResyncJob>()
            : ActivatorUtilities.CreateInstance<ScheduledResyncJob>(sp, (TimeProvider)new FakeTimeProvider(now.Value));
        await job.RunAsync(installationId, CancellationToken.None);
        return 0;
    });

    protected static DateTimeOffset DueTimeOf(Guid installationId) =>
        ResyncCron.LastDue(ResyncCron.Cron(installationId, 1), 1, DateTimeOffset.UtcNow)!.Value;

    protected static async Task<JsonNode> LatestRunAsync(HttpClient admin, string installation) =>
        (await admin.GetAsync($"/api/v1/installations/{installation}/resyncs").ExpectAsync(HttpStatusCode.OK))["items"]![0]!;

    protected object SandboxInstallation(string name, string secretName) => new
    {
        integrationType = "azure-devops",
        name,
        integrationSettings = new { organizationUrl = Harness.Sandbox.BaseUrl, personalAccessToken = new { newSecret = new { name = secretName, value = Pat } } },
        mapping = Projects,
    };
}
