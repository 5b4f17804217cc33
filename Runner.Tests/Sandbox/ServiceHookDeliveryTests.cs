using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Runner.Tools.AdoSandbox;
using Runner.Tools.AdoSandbox.Hooks;

namespace Runner.Tests.Sandbox;

/// <summary>Changes made through the control API are delivered to matching subscriptions in Microsoft's shapes,
/// with credentials, and the fault knobs duplicate, delay and reorder them.</summary>
public sealed class ServiceHookDeliveryTests
{
    private const string Hooks = "_apis/hooks/subscriptions?api-version=7.1";

    private static async Task SubscribeAsync(SandboxClient client, string eventType, string url, string publisherId = "tfs")
    {
        using var response = await client.PostJsonAsync(Hooks, ServiceHookSubscriptionTests.Body(eventType, url, publisherId));
        Assert.That(response.IsSuccessStatusCode, Is.True, await response.Content.ReadAsStringAsync());
    }

    private static async Task<JsonElement> ChangeAsync(AdoSandboxHost host, HttpMethod method, string path, object? body = null)
    {
        using var control = new HttpClient { BaseAddress = host.Root };
        using var request = new HttpRequestMessage(method, "_sandbox/changes/" + path) { Content = JsonContent.Create(body ?? new { }) };
        using var response = await control.SendAsync(request);
        Assert.That(response.IsSuccessStatusCode, Is.True, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    [Test]
    public async Task A_work_item_update_is_posted_with_basic_auth_and_the_update_shape()
    {
        await using var host = await AdoSandboxHost.StartAsync();
        await using var receiver = await HookReceiver.StartAsync();
        using var client = new SandboxClient(host);
        await SubscribeAsync(client, "workitem.updated", receiver.Url);
        await SubscribeAsync(client, "git.push", receiver.Url);

        var result = await ChangeAsync(host, HttpMethod.Patch, "work-items/3", new { fields = new Dictionary<string, object> { ["System.State"] = "Closed" } });
        var fetched = await client.GetJsonAsync("_apis/wit/workitems/3?api-version=7.1");

        var delivery = receiver.Received.Single();
        Assert.That(delivery.Authorization, Is.EqualTo("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("runner:s3cret-password"))));
        var body = delivery.Body;
        Assert.That(body.GetProperty("eventType").GetString(), Is.EqualTo("workitem.updated"));
        Assert.That(body.GetProperty("publisherId").GetString(), Is.EqualTo("tfs"));
        Assert.That(body.GetProperty("notificationId").GetInt64(), Is.EqualTo(1));
        Assert.That(body.GetProperty("resourceContainers").GetProperty("project").GetProperty("baseUrl").GetString(), Is.EqualTo(host.BaseUrl + "/"));
        var resource = body.GetProperty("resource");
        Assert.That(resource.GetProperty("workItemId").GetInt64(), Is.EqualTo(3));
        Assert.That(resource.GetProperty("fields").GetProperty("System.State").GetProperty("newValue").GetString(), Is.EqualTo("Closed"));
        Assert.That(resource.GetProperty("revision").GetProperty("rev").GetInt32(), Is.EqualTo(fetched.GetProperty("rev").GetInt32()));
        Assert.That(fetched.GetProperty("fields").GetProperty("System.State").GetString(), Is.EqualTo("Closed"));
        Assert.That(resource.GetProperty("fields").GetProperty("System.State").GetProperty("oldValue").GetString(), Is.EqualTo("Resolved"));
        Assert.That(result.GetProperty("deliveries")[0].GetProperty("status").GetInt32(), Is.EqualTo(200));
    }

    [Test]
    public async Task Work_items_created_and_deleted_appear_and_vanish_and_are_delivered()
    {
        await using var host = await AdoSandboxHost.StartAsync();
        await using var receiver = await HookReceiver.StartAsync();
        using var client = new SandboxClient(host);
        await SubscribeAsync(client, "workitem.created", receiver.Url);
        await SubscribeAsync(client, "workitem.deleted", receiver.Url);
        var countBefore = host.ExpectedCounts()["work-item"];

        var created = await ChangeAsync(host, HttpMethod.Post, "work-items", new { project = "Project-0002", title = "Fix the login", type = "Bug" });
        var id = created.GetProperty("changed").GetProperty("id").GetInt64();
        using var wiql = await client.PostJsonAsync("Project-0002/_apis/wit/wiql?api-version=7.1", new { query = $"SELECT [System.Id] FROM WorkItems WHERE [System.Id] >= {id}" });
        var found = (await wiql.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("workItems").EnumerateArray().Select(w => w.GetProperty("id").GetInt64());
        var countAfterCreate = host.ExpectedCounts()["work-item"];
        await ChangeAsync(host, HttpMethod.Delete, $"work-items/{id}");
        using var gone = await client.Http.GetAsync($"_apis/wit/workitems/{id}?api-version=7.1");

        Assert.That(found, Is.EqualTo(new[] { id }));
        Assert.That(countAfterCreate, Is.EqualTo(countBefore + 1));
        Assert.That(host.ExpectedCounts()["work-item"], Is.EqualTo(countBefore));
        Assert.That(gone.StatusCode, Is.EqualTo(System.Net.HttpStatusCode.NotFound));
        Assert.That(receiver.Received.Select(d => d.Body.GetProperty("eventType").GetString()), Is.EqualTo(new[] { "workitem.created", "workitem.deleted" }));
        Assert.That(receiver.Received[0].Body.GetProperty("resource").GetProperty("fields").GetProperty("System.Title").GetString(), Is.EqualTo("Fix the login"));
        Assert.That(receiver.Received[1].Body.GetProperty("resource").GetProperty("id").GetInt64(), Is.EqualTo(id));
    }

    [Test]
    public async Task Pushes_create_update_and_delete_branches_with_matching_ref_updates()
    {
        await using var host = await AdoSandboxHost.StartAsync();
        await using var receiver = await HookReceiver.StartAsync();
        using var client = new SandboxClient(host);
        await SubscribeAsync(client, "git.push", receiver.Url);
        const string refs = "Project-0001/_apis/git/repositories/repo-001/refs?filter=heads/&api-version=7.1";

        await ChangeAsync(host, HttpMethod.Post, "pushes", new { project = "Project-0001", repository = "repo-001", branch = "feature/login" });
        var withNew = (await client.GetJsonAsync(refs)).GetProperty("value").EnumerateArray().Select(b => b.GetProperty("name").GetString()).ToList();
        await ChangeAsync(host, HttpMethod.Post, "pushes", new { project = "Project-0001", repository = "repo-001", branch = "main" });
        await ChangeAsync(host, HttpMethod.Post, "pushes", new { project = "Project-0001", repository = "repo-001", branch = "feature/login", delete = true });
        var afterDelete = (await client.GetJsonAsync(refs)).GetProperty("value").EnumerateArray().Select(b => b.GetProperty("name").GetString()).ToList();

        var updates = receiver.Received.Select(d => d.Body.GetProperty("resource").GetProperty("refUpdates")[0]).ToList();
        const string zero = "0000000000000000000000000000000000000000";
        Assert.That(withNew, Does.Contain("refs/heads/feature/login"));
        Assert.That(afterDelete, Does.Not.Contain("refs/heads/feature/login"));
        Assert.That(updates.Select(u => u.GetProperty("name").GetString()), Is.EqualTo(new[] { "refs/heads/feature/login", "refs/heads/main", "refs/heads/feature/login" }));
        Assert.That(updates[0].GetProperty("oldObjectId").GetString(), Is.EqualTo(zero));
        Assert.That(updates[2].GetProperty("newObjectId").GetString(), Is.EqualTo(zero));
        Assert.That(updates[1].GetProperty("oldObjectId").GetString(), Is.Not.EqualTo(updates[1].GetProperty("newObjectId").GetString()));
        var main = (await client.GetJsonAsync(refs)).GetProperty("value").EnumerateArray().Single(b => b.GetProperty("name").GetString() == "refs/heads/main");
        Assert.That(main.GetProperty("objectId").GetString(), Is.EqualTo(updates[1].GetProperty("newObjectId").GetString()), "the ref moved");
    }

    [Test]
    public async Task Pull_requests_created_and_completed_build_and_release_events_are_delivered()
    {
        await using var host = await AdoSandboxHost.StartAsync();
        await using var receiver = await HookReceiver.StartAsync();
        using var client = new SandboxClient(host);
        foreach (var type in new[] { "git.pullrequest.created", "git.pullrequest.updated", "git.pullrequest.merged", "build.complete" })
        {
            await SubscribeAsync(client, type, receiver.Url);
        }
        await SubscribeAsync(client, "ms.vss-release.deployment-completed-event", receiver.Url, "rm");

        var pr = await ChangeAsync(host, HttpMethod.Post, "pull-requests", new { project = "Project-0001", repository = "repo-002", title = "Add login" });
        var id = pr.GetProperty("changed").GetProperty("id").GetInt64();
        await ChangeAsync(host, HttpMethod.Patch, $"pull-requests/{id}", new { status = "completed" });
        await ChangeAsync(host, HttpMethod.Post, "builds/2/complete", new { result = "failed" });
        await ChangeAsync(host, HttpMethod.Post, "releases/Project-0001/1/deploy", new { stage = 2 });
        var fetched = await client.GetJsonAsync($"_apis/git/pullrequests/{id}?api-version=7.1");
        var build = await client.GetJsonAsync("Project-0001/_apis/build/builds/2?api-version=7.1");

        var types = receiver.Received.Select(d => d.Body.GetProperty("eventType").GetString());
        Assert.That(types, Is.EqualTo(new[] { "git.pullrequest.created", "git.pullrequest.updated", "git.pullrequest.merged", "build.complete", "ms.vss-release.deployment-completed-event" }));
        Assert.That(fetched.GetProperty("status").GetString(), Is.EqualTo("completed"));
        Assert.That(fetched.GetProperty("title").GetString(), Is.EqualTo("Add login"));
        Assert.That(build.GetProperty("result").GetString(), Is.EqualTo("failed"));
        Assert.That(receiver.Received[3].Body.GetProperty("resource").GetProperty("id").GetInt64(), Is.EqualTo(2));
        Assert.That(receiver.Received[4].Body.GetProperty("resource").GetProperty("deployment").GetProperty("releaseEnvironment").GetProperty("name").GetString(), Is.EqualTo("QA"));
    }

    [Test]
    public async Task Duplicates_and_out_of_order_faults_resend_and_reverse_deliveries()
    {
        await using var host = await AdoSandboxHost.StartAsync();
        await using var receiver = await HookReceiver.StartAsync();
        using var client = new SandboxClient(host);
        await SubscribeAsync(client, "workitem.updated", receiver.Url);
        host.DeliveryFaults = new DeliveryFaults { Duplicates = 1, OutOfOrder = true };

        await ChangeAsync(host, HttpMethod.Patch, "work-items/5", new { fields = new Dictionary<string, object> { ["System.Title"] = "Renamed" }, times = 3 });

        var revisions = receiver.Received.Select(d => d.Body.GetProperty("resource").GetProperty("rev").GetInt32()).ToList();
        var notifications = receiver.Received.Select(d => d.Body.GetProperty("notificationId").GetInt64()).ToList();
        Assert.That(revisions, Has.Count.EqualTo(6));
        Assert.That(revisions, Is.EqualTo(revisions.OrderByDescending(r => r)), "newest first");
        Assert.That(revisions.Distinct().Count(), Is.EqualTo(3));
        Assert.That(notifications.Where((_, i) => i % 2 == 0), Is.EqualTo(notifications.Where((_, i) => i % 2 == 1)), "a duplicate repeats the notification id");
        Assert.That(host.Deliveries.Snapshot(), Has.Count.EqualTo(6));
    }

    [Test]
    public async Task A_delayed_delivery_arrives_after_the_change_call_returns_and_the_log_keeps_the_status()
    {
        await using var host = await AdoSandboxHost.StartAsync();
        await using var receiver = await HookReceiver.StartAsync();
        receiver.Status = 503;
        using var client = new SandboxClient(host);
        await SubscribeAsync(client, "workitem.updated", receiver.Url);
        host.DeliveryFaults = new DeliveryFaults { DelayMs = 300 };
        using var control = new HttpClient { BaseAddress = host.Root };

        using var change = await control.PatchAsJsonAsync("_sandbox/changes/work-items/5?wait=false", new { fields = new Dictionary<string, object> { ["System.Title"] = "Later" } });
        var receivedAtReturn = receiver.Received.Count;
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (host.Deliveries.Snapshot().Count == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }
        var log = await control.GetFromJsonAsync<JsonElement>("_sandbox/deliveries");

        Assert.That((int)change.StatusCode, Is.EqualTo(202));
        Assert.That(receivedAtReturn, Is.Zero);
        Assert.That(log[0].GetProperty("status").GetInt32(), Is.EqualTo(503));
        Assert.That(log[0].GetProperty("eventType").GetString(), Is.EqualTo("workitem.updated"));
    }

    [Test]
    public async Task Deliveries_go_only_to_loopback_urls_and_only_to_the_subscribed_project()
    {
        await using var host = await AdoSandboxHost.StartAsync();
        await using var receiver = await HookReceiver.StartAsync();
        using var client = new SandboxClient(host);
        await SubscribeAsync(client, "workitem.updated", "https://runner.example.com/hooks/1");
        var project2 = (await client.GetJsonAsync("_apis/projects/Project-0002?api-version=7.1")).GetProperty("id").GetString()!;
        var scoped = ServiceHookSubscriptionTests.Body("workitem.updated", receiver.Url);
        var scopedJson = JsonSerializer.SerializeToNode(scoped)!;
        scopedJson["publisherInputs"]!["projectId"] = project2;
        using var _ = await client.Http.PostAsJsonAsync(Hooks, scopedJson);

        await ChangeAsync(host, HttpMethod.Patch, "work-items/1", new { fields = new Dictionary<string, object> { ["System.Title"] = "Project one" } });
        var log = host.Deliveries.Snapshot();

        Assert.That(receiver.Received, Is.Empty, "work item 1 is in Project-0001");
        Assert.That(log.Single().Status, Is.Null);
        Assert.That(log.Single().Error, Does.Contain("loopback"));
    }
}
