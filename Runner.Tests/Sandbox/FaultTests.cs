using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Runner.Tools.AdoSandbox;
using Runner.Tools.AdoSandbox.Faults;

namespace Runner.Tests.Sandbox;

public sealed class FaultTests
{
    private const string Projects = "_apis/projects?api-version=7.1";

    [Test]
    public async Task Every_third_request_is_throttled_with_retry_after_and_the_wait_is_recorded()
    {
        await using var host = await AdoSandboxHost.StartAsync(faults: new FaultSettings { ThrottleEveryNth = 3, RetryAfterSeconds = 7 });
        using var client = new SandboxClient(host);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 7; i++)
        {
            using var response = await client.Http.GetAsync(Projects);
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.That(response.Headers.RetryAfter?.Delta, Is.EqualTo(TimeSpan.FromSeconds(7)));
                Assert.That(response.Headers.GetValues("X-RateLimit-Remaining").Single(), Is.EqualTo("0"));
                Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("TF400733"));
            }
        }

        Assert.That(statuses.Select((s, i) => (s, i)).Where(x => x.s == HttpStatusCode.TooManyRequests).Select(x => x.i), Is.EqualTo(new[] { 2, 5 }));
        var throttles = host.Faults.Throttles;
        Assert.That(throttles, Has.Count.EqualTo(2));
        Assert.That(throttles[0].GapToNextRequest, Is.Not.Null.And.LessThan(TimeSpan.FromSeconds(7)));
        Assert.That(throttles[0].Honoured, Is.False, "the loop retried at once");
    }

    [Test]
    public async Task A_client_that_waits_retry_after_is_recorded_as_honouring_it()
    {
        await using var host = await AdoSandboxHost.StartAsync(faults: new FaultSettings { ThrottleEveryNth = 1, RetryAfterSeconds = 0 });
        using var client = new SandboxClient(host);

        using var first = await client.Http.GetAsync(Projects);
        Assert.That(host.Faults.Throttles.Single().Honoured, Is.Null, "no next request yet");
        using var second = await client.Http.GetAsync(Projects);

        Assert.That(host.Faults.Throttles[0].Honoured, Is.True);
    }

    [Test]
    public async Task Server_errors_latency_and_rate_limit_headers_apply_only_to_the_targeted_path()
    {
        await using var host = await AdoSandboxHost.StartAsync(faults: new FaultSettings
        {
            PathContains = "/_apis/git/", ServerErrorEveryNth = 2, LatencyMs = 100, RateLimitRemaining = 42, RateLimitDelaySeconds = 0.05,
        });
        using var client = new SandboxClient(host);
        const string repos = "Project-0001/_apis/git/repositories?api-version=7.1";

        var watch = Stopwatch.StartNew();
        using var first = await client.Http.GetAsync(repos);
        var elapsed = watch.Elapsed;
        using var second = await client.Http.GetAsync(repos);
        using var elsewhere = await client.Http.GetAsync(Projects);

        Assert.That(elapsed, Is.GreaterThanOrEqualTo(TimeSpan.FromMilliseconds(150)));
        Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(first.Headers.GetValues("X-RateLimit-Remaining").Single(), Is.EqualTo("42"));
        Assert.That(first.Headers.GetValues("X-RateLimit-Delay").Single(), Is.EqualTo("0.05"));
        Assert.That(second.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
        Assert.That(elsewhere.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(elsewhere.Headers.Contains("X-RateLimit-Remaining"), Is.False);
    }

    [Test]
    public async Task Not_found_and_truncated_body_faults_hit_one_sub_resource()
    {
        await using var host = await AdoSandboxHost.StartAsync(new SandboxOptions { Projects = 1, ReposPerProject = 2 });
        using var client = new SandboxClient(host);
        var repos = (await client.GetJsonAsync("Project-0001/_apis/git/repositories?api-version=7.1")).GetProperty("value");
        var (broken, healthy) = (repos[0].GetProperty("id").GetString(), repos[1].GetProperty("id").GetString());
        host.Faults.Settings = new FaultSettings { NotFoundPathContains = $"/repositories/{broken}/refs", TruncateBodyPathContains = "/pullrequests" };

        using var missing = await client.Http.GetAsync($"Project-0001/_apis/git/repositories/{broken}/refs?api-version=7.1");
        using var present = await client.Http.GetAsync($"Project-0001/_apis/git/repositories/{healthy}/refs?api-version=7.1");
        using var truncated = await client.Http.GetAsync($"Project-0001/_apis/git/repositories/{healthy}/pullrequests?api-version=7.1");

        Assert.That(missing.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(present.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(truncated.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var body = await truncated.Content.ReadAsStringAsync();
        Assert.That(() => JsonDocument.Parse(body), Throws.InstanceOf<JsonException>());
    }

    [Test]
    public async Task Requests_past_the_per_second_limit_get_429_until_the_next_second()
    {
        await using var host = await AdoSandboxHost.StartAsync(faults: new FaultSettings { RequestsPerSecondLimit = 3 });
        using var client = new SandboxClient(host);

        // Twenty requests in a row: some second sees more than 3 of them, and none lets more than 3 through.
        var answers = new List<(DateTimeOffset At, HttpResponseMessage Response)>();
        for (var i = 0; i < 20; i++)
        {
            answers.Add((DateTimeOffset.UtcNow, await client.Http.GetAsync(Projects)));
        }

        var throttled = answers.Where(a => a.Response.StatusCode == HttpStatusCode.TooManyRequests).ToList();
        Assert.That(throttled, Is.Not.Empty);
        Assert.That(host.Faults.Throttles, Has.Count.EqualTo(throttled.Count));
        Assert.Multiple(() =>
        {
            Assert.That(throttled.Select(a => a.Response.Headers.RetryAfter?.Delta), Has.All.EqualTo(TimeSpan.FromSeconds(1)));
            Assert.That(throttled.Select(a => long.Parse(a.Response.Headers.GetValues("X-RateLimit-Reset").Single(), System.Globalization.CultureInfo.InvariantCulture)),
                Has.All.GreaterThan(answers[0].At.ToUnixTimeSeconds() - 1));
            Assert.That(answers.Where(a => a.Response.IsSuccessStatusCode).GroupBy(a => a.At.ToUnixTimeSeconds()).Select(g => g.Count()), Has.All.LessThanOrEqualTo(4),
                "at most the limit per second (plus one for a second boundary between the client's clock read and the request)");
        });
        answers.ForEach(a => a.Response.Dispose());
    }

    [Test]
    public async Task Dropped_connections_and_sign_in_pages_hit_every_nth_matching_request()
    {
        await using var host = await AdoSandboxHost.StartAsync(faults: new FaultSettings { DropConnectionEveryNth = 2 });
        using var client = new SandboxClient(host);

        using var first = await client.Http.GetAsync(Projects);
        Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.ThrowsAsync<HttpRequestException>(() => client.Http.GetAsync(Projects));

        host.Faults.Settings = new FaultSettings { SignInPageEveryNth = 1 };
        using var signIn = await client.Http.GetAsync(Projects);
        Assert.That(signIn.StatusCode, Is.EqualTo(HttpStatusCode.NonAuthoritativeInformation));
        Assert.That(signIn.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/html"));
        Assert.That(await signIn.Content.ReadAsStringAsync(), Does.Contain("Sign In"));
    }

    [Test]
    public async Task Faults_can_be_changed_at_run_time_through_the_control_api()
    {
        await using var host = await AdoSandboxHost.StartAsync();
        using var control = new HttpClient { BaseAddress = host.Root };
        using var client = new SandboxClient(host);

        using var set = await control.PostAsJsonAsync("_sandbox/faults", new { throttleEveryNth = 1, retryAfterSeconds = 3 });
        using var throttled = await client.Http.GetAsync(Projects);
        var recorded = await control.GetFromJsonAsync<JsonElement>("_sandbox/throttles");

        Assert.That(set.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(throttled.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests));
        Assert.That(recorded[0].GetProperty("retryAfterSeconds").GetDouble(), Is.EqualTo(3));
        Assert.That(host.Faults.Settings.ThrottleEveryNth, Is.EqualTo(1));
    }
}
