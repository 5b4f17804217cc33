using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Runner.Tools.AdoSandbox;

namespace Runner.Tests.Sandbox;

/// <summary>The service hook subscriptions API: create, list with filters, get, replace, delete, masking, hosts.</summary>
public sealed class ServiceHookSubscriptionTests
{
    private const string Hooks = "_apis/hooks/subscriptions?api-version=7.1";

    internal static object Body(string eventType, string url, string publisherId = "tfs", string password = "s3cret-password") => new
    {
        publisherId,
        eventType,
        resourceVersion = "1.0",
        consumerId = "webHooks",
        consumerActionId = "httpRequest",
        publisherInputs = new Dictionary<string, string>(),
        consumerInputs = new Dictionary<string, string>
        {
            ["url"] = url, ["basicAuthUsername"] = "runner", ["basicAuthPassword"] = password, ["resourceDetailsToSend"] = "all",
        },
    };

    [Test]
    public async Task Create_answers_the_subscription_with_the_password_masked_and_the_service_fields()
    {
        await using var host = await AdoSandboxHost.StartAsync();
        using var client = new SandboxClient(host);

        using var created = await client.PostJsonAsync(Hooks, Body("workitem.updated", "http://127.0.0.1:9/hooks/1"));
        var body = await created.Content.ReadFromJsonAsync<JsonElement>();
        var raw = JsonSerializer.Serialize(body);

        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(body.GetProperty("consumerInputs").GetProperty("basicAuthPassword").GetString(), Is.EqualTo("********"));
        Assert.That(raw, Does.Not.Contain("s3cret-password"));
        Assert.That(body.GetProperty("consumerInputs").GetProperty("basicAuthUsername").GetString(), Is.EqualTo("runner"));
        Assert.That(body.GetProperty("status").GetString(), Is.EqualTo("enabled"));
        Assert.That(body.GetProperty("publisherInputs").TryGetProperty("tfsSubscriptionId", out _), Is.True);
        Assert.That(body.GetProperty("url").GetString(), Is.EqualTo($"{host.BaseUrl}/_apis/hooks/subscriptions/{body.GetProperty("id").GetString()}"));
        Assert.That(body.GetProperty("actionDescription").GetString(), Is.EqualTo("To host 127.0.0.1"));
    }

    [Test]
    public async Task List_filters_by_publisher_event_type_and_consumer_and_delete_removes()
    {
        await using var host = await AdoSandboxHost.StartAsync();
        using var client = new SandboxClient(host);
        foreach (var eventType in new[] { "workitem.updated", "git.push", "build.complete" })
        {
            using var _ = await client.PostJsonAsync(Hooks, Body(eventType, "http://127.0.0.1:9/hooks/1"));
        }

        var all = (await client.GetJsonAsync(Hooks)).GetProperty("value");
        var push = (await client.GetJsonAsync($"{Hooks}&publisherId=tfs&eventType=git.push&consumerId=webHooks&consumerActionId=httpRequest")).GetProperty("value");
        var none = (await client.GetJsonAsync($"{Hooks}&consumerId=azureServiceBus")).GetProperty("value");
        var id = push[0].GetProperty("id").GetString();
        using var deleted = await client.Http.DeleteAsync($"_apis/hooks/subscriptions/{id}?api-version=7.1");
        using var gone = await client.Http.GetAsync($"_apis/hooks/subscriptions/{id}?api-version=7.1");

        Assert.That(all.GetArrayLength(), Is.EqualTo(3));
        Assert.That(push.EnumerateArray().Select(s => s.GetProperty("eventType").GetString()), Is.EqualTo(new[] { "git.push" }));
        Assert.That(none.GetArrayLength(), Is.Zero);
        Assert.That(deleted.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That(gone.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That((await client.GetJsonAsync(Hooks)).GetProperty("value").GetArrayLength(), Is.EqualTo(2));
    }

    [Test]
    public async Task Replace_changes_the_url_and_the_mask_keeps_the_stored_password()
    {
        await using var host = await AdoSandboxHost.StartAsync();
        using var client = new SandboxClient(host);
        await using var receiver = await HookReceiver.StartAsync();
        using var created = await client.PostJsonAsync(Hooks, Body("workitem.updated", "http://127.0.0.1:9/old"));
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();

        using var replaced = await client.Http.PutAsJsonAsync($"_apis/hooks/subscriptions/{id}?api-version=7.1", Body("workitem.updated", receiver.Url, password: "********"));
        var body = await replaced.Content.ReadFromJsonAsync<JsonElement>();
        using var control = new HttpClient { BaseAddress = host.Root };
        using var change = await control.PatchAsJsonAsync("_sandbox/changes/work-items/1", new { fields = new Dictionary<string, object> { ["System.State"] = "Active" } });

        Assert.That(body.GetProperty("consumerInputs").GetProperty("url").GetString(), Is.EqualTo(receiver.Url));
        Assert.That(body.GetProperty("id").GetString(), Is.EqualTo(id));
        var expected = "Basic " + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("runner:s3cret-password"));
        Assert.That(receiver.Received.Single().Authorization, Is.EqualTo(expected));
    }

    [Test]
    public async Task Unknown_event_types_other_consumers_and_relative_urls_are_400()
    {
        await using var host = await AdoSandboxHost.StartAsync();
        using var client = new SandboxClient(host);

        using var eventType = await client.PostJsonAsync(Hooks, Body("workitem.exploded", "http://127.0.0.1:9/"));
        using var url = await client.PostJsonAsync(Hooks, Body("git.push", "/relative"));
        using var noVersion = await client.PostJsonAsync("_apis/hooks/subscriptions", Body("git.push", "http://127.0.0.1:9/"));

        Assert.That(eventType.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await eventType.Content.ReadAsStringAsync(), Does.Contain("workitem.exploded"));
        Assert.That(url.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(noVersion.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), "writes need an api-version");
    }

    [Test]
    public async Task With_area_hosts_release_subscriptions_live_on_the_release_host_only()
    {
        await using var host = await AdoSandboxHost.StartAsync(new SandboxOptions { AreaHosts = true });
        using var client = new SandboxClient(host);
        async Task<HttpResponseMessage> Send(string area, HttpMethod method, string path, object? body = null)
        {
            var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
            request.Headers.Host = area + host.Root.Authority;
            return await client.Http.SendAsync(request);
        }

        using var onCore = await Send("", HttpMethod.Post, Hooks, Body("ms.vss-release.deployment-completed-event", "http://127.0.0.1:9/", "rm"));
        using var onRelease = await Send("vsrm.", HttpMethod.Post, Hooks, Body("ms.vss-release.deployment-completed-event", "http://127.0.0.1:9/", "rm"));
        using var coreList = await Send("", HttpMethod.Get, Hooks);
        using var releaseList = await Send("vsrm.", HttpMethod.Get, Hooks);

        Assert.That(onCore.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(onRelease.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await coreList.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("count").GetInt32(), Is.Zero, "the core host does not list release hooks");
        Assert.That((await releaseList.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("count").GetInt32(), Is.EqualTo(1));
    }

    [Test]
    public async Task Status_set_through_the_control_api_shows_in_get_and_stops_deliveries()
    {
        await using var host = await AdoSandboxHost.StartAsync();
        using var client = new SandboxClient(host);
        await using var receiver = await HookReceiver.StartAsync();
        using var created = await client.PostJsonAsync(Hooks, Body("workitem.updated", receiver.Url));
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        using var control = new HttpClient { BaseAddress = host.Root };

        using var probation = await control.PostAsJsonAsync($"_sandbox/subscriptions/{id}/status", new { status = "disabledBySystem" });
        var shown = await client.GetJsonAsync($"_apis/hooks/subscriptions/{id}?api-version=7.1");
        using var change = await control.PatchAsJsonAsync("_sandbox/changes/work-items/1", new { fields = new Dictionary<string, object> { ["System.State"] = "Active" } });
        using var bad = await control.PostAsJsonAsync($"_sandbox/subscriptions/{id}/status", new { status = "sleeping" });

        Assert.That(shown.GetProperty("status").GetString(), Is.EqualTo("disabledBySystem"));
        Assert.That(receiver.Received, Is.Empty);
        Assert.That(bad.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
    }
}
