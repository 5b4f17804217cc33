using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Runner.Domain.LiveEvents;
using Runner.Domain.Mapping;
using Runner.Domain.Persistence;
using Runner.Domain.Tenants;
using Runner.Tests.Infrastructure;
using Runner.Tools.AdoSandbox;

namespace Runner.Tests.LiveEvents;

/// <summary>
/// Live events end to end on loopback: the Worker subscribes the sandbox's service hooks to the Api's intake, the sandbox
/// delivers Microsoft-shaped events when its control API changes objects, and the catalog follows without a resync.
/// </summary>
public sealed class LiveEventsTests
{
    private const string Mapping = """
        resources:
          - kind: work-item
            selector:
              query: '.fields."System.State" != "Closed"'
            port:
              entity:
                mappings:
                  identifier: .id | tostring
                  title: .fields."System.Title"
                  blueprint: '"azureDevopsWorkItem"'
                  properties:
                    state: .fields."System.State"
        """;

    private ResyncHarness _harness = null!;

    [OneTimeSetUp]
    public async Task StartAsync() =>
        _harness = await ResyncHarness.StartWithLiveEventsAsync(new SandboxOptions { Projects = 1, WorkItemsPerProject = 30, TeamsPerProject = 1, ReposPerProject = 1, PipelinesPerProject = 0 });

    [OneTimeTearDown]
    public async Task StopAsync() => await _harness.DisposeAsync();

    [Test]
    public async Task Subscriptions_match_the_mapping_are_never_duplicated_and_go_when_live_events_are_turned_off()
    {
        var (tenant, id) = await InstallLiveAsync();
        var workItemEvents = AzureDevOpsEvents.For(["work-item"]).Select(e => e.Name).Order(StringComparer.Ordinal).ToList();

        var mine = await SandboxSubscriptionsAsync(id);
        Assert.That(mine.Select(s => s["eventType"]!.GetValue<string>()).Order(StringComparer.Ordinal), Is.EqualTo(workItemEvents));
        Assert.That(mine.Select(s => s["resourceVersion"]?.GetValue<string>()), Has.All.Not.Null);
        Assert.That(mine.Select(s => s["consumerInputs"]!["basicAuthPassword"]!.GetValue<string>()), Has.All.EqualTo("********"));

        // The Worker checks every second: after more checks there are still exactly as many.
        await WaitForChecksAsync(id, 3);
        Assert.That(await SandboxSubscriptionsAsync(id), Has.Count.EqualTo(workItemEvents.Count));

        await tenant.Admin.PatchAsJsonAsync($"/api/v1/installations/{id}", new { applicationSettings = new { liveEvents = false } }).ExpectAsync(HttpStatusCode.OK);
        await WaitForAsync(async () => (await SandboxSubscriptionsAsync(id)).Count == 0, "subscriptions removed");
        var off = await tenant.Admin.GetAsync($"/api/v1/installations/{id}").ExpectAsync(HttpStatusCode.OK);
        Assert.That(off["liveEvents"]!["status"]!.GetValue<string>(), Is.EqualTo("off"));

        await tenant.Admin.PatchAsJsonAsync($"/api/v1/installations/{id}", new { applicationSettings = new { liveEvents = true } }).ExpectAsync(HttpStatusCode.OK);
        await WaitForAsync(async () => (await SandboxSubscriptionsAsync(id)).Count == workItemEvents.Count, "subscriptions back");
        await WaitForChecksAsync(id, 2);
        Assert.That(await SandboxSubscriptionsAsync(id), Has.Count.EqualTo(workItemEvents.Count));
    }

    [Test]
    public async Task Deleting_the_installation_removes_its_subscriptions_from_Azure_DevOps()
    {
        var (tenant, id) = await InstallLiveAsync();
        Assert.That(await SandboxSubscriptionsAsync(id), Is.Not.Empty);

        await tenant.Admin.DeleteAsync($"/api/v1/installations/{id}").ExpectAsync(HttpStatusCode.NoContent);

        await WaitForAsync(async () => (await SandboxSubscriptionsAsync(id)).Count == 0, "the deleted installation's subscriptions removed");
    }

    [Test]
    public async Task A_changed_work_item_reaches_the_catalog_without_a_resync_and_counts()
    {
        var (tenant, id) = await InstallLiveAsync();

        var item = await UnusedWorkItemAsync(tenant.Admin);
        await ChangeAsync(HttpMethod.Patch, $"work-items/{item}", new { fields = new Dictionary<string, object> { ["System.Title"] = "Changed live" } });

        await WaitForAsync(async () => (await EntityAsync(tenant.Admin, item))?["title"]?.GetValue<string>() == "Changed live", "the new title in the catalog");
        var installation = await WaitForInstallationAsync(tenant.Admin, id, i => i["liveEvents"]!["applied"]!.GetValue<long>() >= 1);
        var live = installation["liveEvents"]!;
        Assert.That(live["status"]!.GetValue<string>(), Is.EqualTo("active"));
        Assert.That(live["received"]!.GetValue<long>(), Is.GreaterThanOrEqualTo(1));
        Assert.That(live["lastEventAt"], Is.Not.Null);
        var runs = await tenant.Admin.GetAsync($"/api/v1/installations/{id}/resyncs").ExpectAsync(HttpStatusCode.OK);
        Assert.That(runs["items"]!.AsArray(), Has.Count.EqualTo(1), "only the first resync ran");
    }

    [Test]
    public async Task Objects_that_arrive_by_events_become_raw_examples_for_the_mapping_tester_newest_first_and_bounded()
    {
        var (tenant, id) = await InstallLiveAsync();
        var changed = new List<string>();
        for (var i = 0; i <= RawExample.MaxPerKind; i++)
        {
            var item = await UnusedWorkItemAsync(tenant.Admin);
            changed.Add(item);
            await ChangeAsync(HttpMethod.Patch, $"work-items/{item}", new { fields = new Dictionary<string, object> { ["System.Title"] = $"Live example {i}" } });
        }
        var newest = $"Live example {RawExample.MaxPerKind}";
        JsonArray examples = null!;
        await WaitForAsync(async () =>
        {
            examples = (await tenant.Admin.GetAsync($"/api/v1/installations/{id}/kinds/work-item/examples").ExpectAsync(HttpStatusCode.OK))["items"]!.AsArray();
            return examples.Count > 0 && examples[0]!["data"]!["fields"]!["System.Title"]!.GetValue<string>() == newest;
        }, "the newest changed work item first among the raw examples");

        Assert.That(examples, Has.Count.EqualTo(RawExample.MaxPerKind), "bounded like a resync's");
        var ids = examples.Select(e => e!["data"]!["id"]!.ToJsonString()).ToList();
        Assert.That(ids, Is.Unique, "each object once, in its newest copy");
        Assert.That(ids, Is.EqualTo(changed.AsEnumerable().Reverse().Take(RawExample.MaxPerKind).ToList()), "newest first; the oldest fell out");

        var tested = await tenant.Admin.PostAsJsonAsync($"/api/v1/installations/{id}/mapping/test", new { kind = "work-item", mapping = Mapping }).ExpectAsync(HttpStatusCode.OK);
        var first = tested["examples"]![0]!["resources"]![0]!;
        Assert.That(first["entities"]![0]!["title"]!.GetValue<string>(), Is.EqualTo(newest), first.ToJsonString());
    }

    [Test]
    public async Task A_deleted_work_item_and_one_that_stops_passing_the_selector_leave_the_catalog()
    {
        var (tenant, _) = await InstallLiveAsync();
        var deleted = await UnusedWorkItemAsync(tenant.Admin);
        var closed = await UnusedWorkItemAsync(tenant.Admin);

        await ChangeAsync(HttpMethod.Delete, $"work-items/{deleted}");
        await ChangeAsync(HttpMethod.Patch, $"work-items/{closed}", new { fields = new Dictionary<string, object> { ["System.State"] = "Closed" } });

        await WaitForAsync(async () => await EntityAsync(tenant.Admin, deleted) is null, "the deleted work item gone");
        await WaitForAsync(async () => await EntityAsync(tenant.Admin, closed) is null, "the closed work item gone");
    }

    [Test]
    public async Task A_delivery_accepted_while_no_Worker_runs_is_applied_once_one_starts_again()
    {
        var (tenant, id) = await InstallLiveAsync();
        var item = await UnusedWorkItemAsync(tenant.Admin);

        await _harness.RestartWorkerAsync(async () =>
        {
            await ChangeAsync(HttpMethod.Patch, $"work-items/{item}", new { fields = new Dictionary<string, object> { ["System.Title"] = "While stopped" } });
            Assert.That(await InboxCountAsync(id), Is.EqualTo(1), "the intake stored it before answering");
            Assert.That((await EntityAsync(tenant.Admin, item))!["title"]!.GetValue<string>(), Is.Not.EqualTo("While stopped"));
            var live = (await tenant.Admin.GetAsync($"/api/v1/installations/{id}").ExpectAsync(HttpStatusCode.OK))["liveEvents"]!;
            Assert.That((live["received"]!.GetValue<long>(), live["applied"]!.GetValue<long>()), Is.EqualTo((1L, 0L)), "received while it waits in the inbox");
            Assert.That(live["lastEventAt"], Is.Not.Null);
        });

        await WaitForAsync(async () => (await EntityAsync(tenant.Admin, item))?["title"]?.GetValue<string>() == "While stopped", "the change applied after the restart");
    }

    [Test]
    public async Task A_backlog_of_events_applies_in_one_go_with_each_objects_last_change_winning_and_every_event_counted_once()
    {
        var (tenant, id) = await InstallLiveAsync();
        var retitled = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            retitled.Add(await UnusedWorkItemAsync(tenant.Admin));
        }
        var deleted = await UnusedWorkItemAsync(tenant.Admin);
        var before = (await tenant.Admin.GetAsync($"/api/v1/installations/{id}").ExpectAsync(HttpStatusCode.OK))["liveEvents"]!["applied"]!.GetValue<long>();

        // With the Worker stopped the events pile up, so they are re-fetched together and applied as one batch.
        await _harness.RestartWorkerAsync(async () =>
        {
            foreach (var title in new[] { "First", "Second", "Last" })
            {
                foreach (var item in retitled)
                {
                    await ChangeAsync(HttpMethod.Patch, $"work-items/{item}", new { fields = new Dictionary<string, object> { ["System.Title"] = $"{title} {item}" } });
                }
            }
            await ChangeAsync(HttpMethod.Patch, $"work-items/{deleted}", new { fields = new Dictionary<string, object> { ["System.Title"] = "Soon gone" } });
            await ChangeAsync(HttpMethod.Delete, $"work-items/{deleted}");
            Assert.That(await InboxCountAsync(id), Is.EqualTo(14));
        });

        var installation = await WaitForInstallationAsync(tenant.Admin, id, i => i["liveEvents"]!["applied"]!.GetValue<long>() >= before + 14);
        Assert.That(installation["liveEvents"]!["applied"]!.GetValue<long>(), Is.EqualTo(before + 14), "each event counted once");
        foreach (var item in retitled)
        {
            Assert.That((await EntityAsync(tenant.Admin, item))?["title"]?.GetValue<string>(), Is.EqualTo($"Last {item}"));
        }
        Assert.That(await EntityAsync(tenant.Admin, deleted), Is.Null, "updated, then deleted: gone");
    }

    [Test]
    public async Task A_duplicated_delivery_is_stored_and_applied_once()
    {
        var (tenant, id) = await InstallLiveAsync();
        var item = await UnusedWorkItemAsync(tenant.Admin);
        _harness.Sandbox.DeliveryFaults = new Runner.Tools.AdoSandbox.Hooks.DeliveryFaults { Duplicates = 2 };
        try
        {
            await ChangeAsync(HttpMethod.Patch, $"work-items/{item}", new { fields = new Dictionary<string, object> { ["System.Title"] = "Once" } });
        }
        finally
        {
            _harness.Sandbox.DeliveryFaults = new Runner.Tools.AdoSandbox.Hooks.DeliveryFaults();
        }

        await WaitForAsync(async () => (await EntityAsync(tenant.Admin, item))?["title"]?.GetValue<string>() == "Once", "the change applied");
        Assert.That(await InboxCountAsync(id), Is.EqualTo(1));
        var installation = await tenant.Admin.GetAsync($"/api/v1/installations/{id}").ExpectAsync(HttpStatusCode.OK);
        Assert.That(installation["liveEvents"]!["received"]!.GetValue<long>(), Is.EqualTo(1));
    }

    [Test]
    public async Task Unauthenticated_wrong_foreign_oversized_and_malformed_deliveries_are_refused_and_nothing_is_stored()
    {
        var (tenant, id) = await InstallLiveAsync();
        var password = await CredentialAsync(id);
        var good = Basic(WebhookCredentials.UserName, password);
        var body = Delivery(_harness.Sandbox.BaseUrl + "/");
        using var client = _harness.Api.CreateClient();

        var unknown = await PostAsync(client, Guid.NewGuid().ToString(), good, body);
        var missing = await PostAsync(client, id, null, body);
        var wrong = await PostAsync(client, id, Basic(WebhookCredentials.UserName, password + "x"), body);
        var notAnId = await PostAsync(client, "not-an-id", good, body);
        Assert.Multiple(async () =>
        {
            foreach (var response in new[] { unknown, missing, wrong, notAnId })
            {
                Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
                Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
            }
            Assert.That(Detail(await unknown.Content.ReadAsStringAsync()), Is.EqualTo(Detail(await wrong.Content.ReadAsStringAsync())), "no way to tell an unknown id");
        });

        var foreign = await PostAsync(client, id, good, Delivery("https://dev.azure.com/someone-else/"));
        var oversized = await PostAsync(client, id, good, new string(' ', 1024 * 1024 + 10));
        var malformed = await PostAsync(client, id, good, "{\"eventType\":");
        var unknownEvent = await PostAsync(client, id, good, body.Replace("workitem.updated", "tfvc.checkin", StringComparison.Ordinal));
        Assert.Multiple(() =>
        {
            Assert.That(foreign.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(oversized.StatusCode, Is.EqualTo(HttpStatusCode.RequestEntityTooLarge));
            Assert.That(malformed.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(unknownEvent.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        });
        Assert.That(await InboxCountAsync(id), Is.Zero, "nothing refused is stored");
        var installation = await tenant.Admin.GetAsync($"/api/v1/installations/{id}").ExpectAsync(HttpStatusCode.OK);
        Assert.That(installation["liveEvents"]!["rejected"]!.GetValue<long>(), Is.EqualTo(6), "wrong, missing, foreign, oversized, malformed, unknown event");
        Assert.That(installation["liveEvents"]!["received"]!.GetValue<long>(), Is.Zero);
        Assert.That(string.Join("\n", _harness.Api.Logs.Lines), Does.Not.Contain(password));
        Assert.That(string.Join("\n", _harness.Worker.Logs.Lines), Does.Not.Contain(password));
        Assert.That(installation.ToJsonString(), Does.Not.Contain(password));

        var accepted = await PostAsync(client, id, good, body);
        Assert.That(accepted.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), await accepted.Content.ReadAsStringAsync());
        var again = await PostAsync(client, id, good, body);
        Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.OK), "a retry of the same delivery");
        Assert.That(await InboxCountAsync(id), Is.EqualTo(1));
    }

    private readonly HashSet<string> _used = [];

    /// <summary>A work item in the catalog that no other test of the fixture changes (they share the sandbox).</summary>
    private async Task<string> UnusedWorkItemAsync(HttpClient admin)
    {
        var page = await admin.GetAsync("/api/v1/blueprints/azureDevopsWorkItem/entities?limit=100").ExpectAsync(HttpStatusCode.OK);
        lock (_used)
        {
            var identifier = page["items"]!.AsArray().Select(e => e!["identifier"]!.GetValue<string>()).First(i => !_used.Contains(i));
            _used.Add(identifier);
            return identifier;
        }
    }

    private static string Detail(string problem) => JsonNode.Parse(problem)!["detail"]!.GetValue<string>();

    private async Task<(ApiCalls.TestTenant Tenant, string Id)> InstallLiveAsync()
    {
        var (tenant, id, firstRun) = await _harness.InstallAsync(mapping: Mapping);
        Assert.That(firstRun["status"]!.GetValue<string>(), Is.EqualTo("succeeded"), firstRun.ToJsonString());
        await WaitForInstallationAsync(tenant.Admin, id, i => i["liveEvents"]!["status"]!.GetValue<string>() == "active");
        return (tenant, id);
    }

    private static async Task<JsonNode> WaitForInstallationAsync(HttpClient admin, string id, Func<JsonNode, bool> condition)
    {
        JsonNode installation = null!;
        await WaitForAsync(async () => condition(installation = await admin.GetAsync($"/api/v1/installations/{id}").ExpectAsync(HttpStatusCode.OK)),
            $"installation {id} to get there");
        return installation;
    }

    private static async Task WaitForAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (!await condition())
        {
            Assert.That(DateTime.UtcNow, Is.LessThan(deadline), $"timed out waiting for {what}");
            await Task.Delay(100);
        }
    }

    private async Task WaitForChecksAsync(string id, int checks)
    {
        var seen = new HashSet<DateTimeOffset>();
        await WaitForAsync(async () =>
        {
            await using var connection = new NpgsqlConnection(_harness.Api.ConnectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("SELECT live_checked_at FROM runner.installations WHERE id = $1", connection);
            command.Parameters.AddWithValue(Guid.Parse(id));
            if (await command.ExecuteScalarAsync() is DateTime checkedAt)
            {
                seen.Add(new DateTimeOffset(checkedAt, TimeSpan.Zero));
            }
            return seen.Count > checks;
        }, $"{checks} more subscription checks");
    }

    private async Task<long> InboxCountAsync(string id)
    {
        await using var connection = new NpgsqlConnection(_harness.Api.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM runner.live_events WHERE installation_id = $1", connection);
        command.Parameters.AddWithValue(Guid.Parse(id));
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private async Task<string> CredentialAsync(string id)
    {
        await using var scope = _harness.Api.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RunnerDbContext>();
        var installation = await db.Installations.IgnoreQueryFilters().AsNoTracking().SingleAsync(i => i.Id == Guid.Parse(id));
        scope.ServiceProvider.GetRequiredService<TenantContext>().Set(installation.TenantId);
        return await scope.ServiceProvider.GetRequiredService<WebhookCredentials>().OpenAsync(installation, CancellationToken.None);
    }

    private async Task<List<JsonNode>> SandboxSubscriptionsAsync(string installationId)
    {
        using var client = new HttpClient { BaseAddress = new Uri(_harness.Sandbox.BaseUrl + "/") };
        client.DefaultRequestHeaders.Authorization = _harness.Sandbox.Authorization;
        var list = await client.GetFromJsonAsync<JsonNode>("_apis/hooks/subscriptions?api-version=7.1");
        return [.. list!["value"]!.AsArray().Where(s => s!["consumerInputs"]!["url"]!.GetValue<string>().EndsWith($"/hooks/azure-devops/{installationId}", StringComparison.Ordinal)).Select(s => s!)];
    }

    private async Task ChangeAsync(HttpMethod method, string path, object? body = null)
    {
        using var control = new HttpClient { BaseAddress = _harness.Sandbox.Root };
        using var request = new HttpRequestMessage(method, "_sandbox/changes/" + path) { Content = JsonContent.Create(body ?? new { }) };
        using var response = await control.SendAsync(request);
        Assert.That(response.IsSuccessStatusCode, Is.True, await response.Content.ReadAsStringAsync());
    }

    private static async Task<JsonNode?> EntityAsync(HttpClient admin, string identifier)
    {
        using var response = await admin.GetAsync($"/api/v1/blueprints/azureDevopsWorkItem/entities/{identifier}");
        Assert.That(response.StatusCode, Is.AnyOf(HttpStatusCode.OK, HttpStatusCode.NotFound));
        return response.StatusCode == HttpStatusCode.NotFound ? null : JsonNode.Parse(await response.Content.ReadAsStringAsync());
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string installationId, AuthenticationHeaderValue? authorization, string body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/hooks/azure-devops/{installationId}") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Authorization = authorization;
        var response = await client.SendAsync(request);
        await response.Content.LoadIntoBufferAsync();
        return response;
    }

    private static AuthenticationHeaderValue Basic(string user, string password) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));

    private static string Delivery(string organizationUrl, Guid? eventId = null) => JsonSerializer.Serialize(new
    {
        subscriptionId = Guid.NewGuid(),
        notificationId = 1,
        id = eventId ?? Guid.Parse("3d0fbd5e-0d7c-4a4e-9f86-3c3f4c0e7a11"),
        eventType = "workitem.updated",
        publisherId = "tfs",
        resource = new { id = 2, workItemId = 8, rev = 2, url = organizationUrl + "_apis/wit/workItems/8/updates/2" },
        resourceVersion = "1.0",
        resourceContainers = new { collection = new { id = Guid.NewGuid(), baseUrl = organizationUrl }, account = new { id = Guid.NewGuid(), baseUrl = organizationUrl } },
        createdDate = DateTimeOffset.UtcNow,
    });
}
