using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Runner.Domain.LiveEvents;
using Runner.Tests.Infrastructure;
using Runner.Tools.AdoSandbox;
using Runner.Tools.AdoSandbox.Faults;

namespace Runner.Tests.LiveEvents;

/// <summary>
/// <c>liveEvents</c> flipped while the Worker is making the subscriptions match the previous value. The periodic check
/// is ten minutes here, so a stale outcome would stand: the state must follow the last change at once. The interleaving
/// is deterministic: the sandbox answers the check's first subscriptions request 429 (Retry-After 3 s), the test flips
/// the setting while the Worker waits, then lets the retry through.
/// </summary>
public sealed class LiveEventsToggleTests
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

    private ResyncHarness _harness = null!;

    [OneTimeSetUp]
    public async Task StartAsync() =>
        _harness = await ResyncHarness.StartWithLiveEventsAsync(
            new SandboxOptions { Projects = 1, WorkItemsPerProject = 5, TeamsPerProject = 1, ReposPerProject = 1, PipelinesPerProject = 0 }, TimeSpan.FromMinutes(10));

    [OneTimeTearDown]
    public async Task StopAsync() => await _harness.DisposeAsync();

    [Test]
    public async Task A_change_of_liveEvents_during_a_subscription_check_wins_over_that_checks_outcome()
    {
        var (tenant, id, _) = await _harness.InstallAsync(mapping: Mapping);
        var wanted = AzureDevOpsEvents.For(["work-item"]).Count;
        await WaitForAsync(tenant.Admin, id, wanted, "active");

        // Turned off, and on again while the check for "off" waits: it must not leave the installation off.
        await FlipDuringCheckAsync(tenant.Admin, id, first: false, then: true);
        await WaitForAsync(tenant.Admin, id, wanted, "active");

        await SetLiveEventsAsync(tenant.Admin, id, false);
        await WaitForAsync(tenant.Admin, id, 0, "off");

        // Turned on, and off again while the check for "on" waits: its subscriptions must go.
        await FlipDuringCheckAsync(tenant.Admin, id, first: true, then: false);
        await WaitForAsync(tenant.Admin, id, 0, "off");
    }

    private async Task FlipDuringCheckAsync(HttpClient admin, string id, bool first, bool then)
    {
        var throttled = _harness.Sandbox.Faults.Throttles.Count;
        _harness.Sandbox.Faults.Settings = new FaultSettings { PathContains = "_apis/hooks/subscriptions", ThrottleEveryNth = 1, RetryAfterSeconds = 3 };
        try
        {
            await SetLiveEventsAsync(admin, id, first);
            await PollAsync(() => Task.FromResult(_harness.Sandbox.Faults.Throttles.Count > throttled), () => "the Worker's check to be throttled");
            await SetLiveEventsAsync(admin, id, then);
        }
        finally
        {
            _harness.Sandbox.Faults.Settings = new FaultSettings();
        }
    }

    private static Task SetLiveEventsAsync(HttpClient admin, string id, bool on) =>
        admin.PatchAsJsonAsync($"/api/v1/installations/{id}", new { applicationSettings = new { liveEvents = on } }).ExpectAsync(HttpStatusCode.OK);

    /// <summary>Both the installation and Azure DevOps agree: the status, and that many subscriptions in the sandbox.</summary>
    private async Task WaitForAsync(HttpClient admin, string id, int subscriptions, string status)
    {
        JsonNode live = null!;
        var inSandbox = -1;
        await PollAsync(async () =>
        {
            live = (await admin.GetAsync($"/api/v1/installations/{id}").ExpectAsync(HttpStatusCode.OK))["liveEvents"]!;
            inSandbox = await SandboxSubscriptionsAsync(id);
            return live["status"]!.GetValue<string>() == status && inSandbox == subscriptions
                && (status != "active" || live["subscriptions"]!.GetValue<int>() == subscriptions);
        }, () => $"live events {status} with {subscriptions} subscriptions (last seen: {live?.ToJsonString()}, {inSandbox} in Azure DevOps)");
    }

    private async Task<int> SandboxSubscriptionsAsync(string installationId)
    {
        using var client = new HttpClient { BaseAddress = new Uri(_harness.Sandbox.BaseUrl + "/") };
        client.DefaultRequestHeaders.Authorization = _harness.Sandbox.Authorization;
        var list = await client.GetFromJsonAsync<JsonNode>("_apis/hooks/subscriptions?api-version=7.1");
        return list!["value"]!.AsArray().Count(s => s!["consumerInputs"]!["url"]!.GetValue<string>().EndsWith($"/hooks/azure-devops/{installationId}", StringComparison.Ordinal));
    }

    private static async Task PollAsync(Func<Task<bool>> condition, Func<string> what)
    {
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (!await condition())
        {
            Assert.That(DateTime.UtcNow, Is.LessThan(deadline), $"timed out waiting for {what()}");
            await Task.Delay(100);
        }
    }
}
