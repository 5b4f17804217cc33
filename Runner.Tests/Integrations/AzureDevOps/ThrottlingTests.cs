using Runner.Domain.Integrations.AzureDevOps;
using Runner.Tests.Sandbox;
using Runner.Tools.AdoSandbox.Faults;

namespace Runner.Tests.Integrations.AzureDevOps;

public sealed class ThrottlingTests
{
    [Test]
    public async Task A_429_is_retried_after_its_Retry_After_and_counted()
    {
        await using var harness = await AdoClientHarness.StartAsync(
            OrganizationCrawlTests.SmallOrg(), new FaultSettings { PathContains = "/_apis/build/builds", ThrottleEveryNth = 4, RetryAfterSeconds = 1 });
        using var session = harness.Open(o => (o.PageSize, o.MaxRequestsInFlight) = (2, 1));

        var builds = await AdoClientHarness.FetchAllAsync(session, "build");

        var throttles = harness.Sandbox.Faults.Throttles;
        Assert.Multiple(() =>
        {
            Assert.That(builds, Has.Count.EqualTo(harness.Sandbox.ExpectedCounts()["build"]));
            Assert.That(throttles, Is.Not.Empty);
            Assert.That(throttles.Select(t => t.Honoured), Has.All.True, "the next request waited at least Retry-After");
            Assert.That(session.Counters.Throttled, Is.EqualTo(throttles.Count));
            Assert.That(session.Counters.Retries, Is.GreaterThanOrEqualTo(throttles.Count));
            Assert.That(session.Counters.DelayHonoured, Is.GreaterThanOrEqualTo(TimeSpan.FromSeconds(throttles.Count)));
        });
    }

    [Test]
    public async Task Transient_5xx_is_retried_and_the_kind_completes()
    {
        await using var harness = await AdoClientHarness.StartAsync(OrganizationCrawlTests.SmallOrg(), new FaultSettings { ServerErrorEveryNth = 3 });
        // One request at a time makes "every third request fails" deterministic: a retry is never the next third.
        using var session = harness.Open(o => { o.PageSize = 2; o.MaxRequestsInFlight = 1; o.ParallelParents = 1; });

        var branches = await AdoClientHarness.FetchAllAsync(session, "branch");

        Assert.Multiple(() =>
        {
            Assert.That(branches, Has.Count.EqualTo(harness.Sandbox.ExpectedCounts()["branch"]));
            Assert.That(session.IsComplete("branch"), Is.True);
            Assert.That(session.Counters.Retries, Is.GreaterThan(0));
        });
    }

    [Test]
    public async Task Persistent_5xx_fails_the_kind_naming_kind_and_path_only()
    {
        await using var harness = await AdoClientHarness.StartAsync(
            OrganizationCrawlTests.SmallOrg(), new FaultSettings { PathContains = "/_apis/pipelines", ServerErrorEveryNth = 1 }, maxRetries: 2);
        using var session = harness.Open();

        var error = Assert.ThrowsAsync<AzureDevOpsFetchException>(() => AdoClientHarness.FetchAllAsync(session, "pipeline"));

        Assert.Multiple(() =>
        {
            Assert.That(error!.Kind, Is.EqualTo("pipeline"));
            Assert.That(error.StatusCode, Is.EqualTo(503));
            Assert.That(error.Message, Does.Contain("/_apis/pipelines").And.Not.Contain("?"));
            Assert.That(session.Counters.Retries, Is.GreaterThanOrEqualTo(2), "every attempt of a failing request was retried");
        });
    }

    [Test]
    public async Task Low_rate_limit_remaining_slows_the_organization_down()
    {
        await using var harness = await AdoClientHarness.StartAsync(OrganizationCrawlTests.SmallOrg(), new FaultSettings { RateLimitRemaining = 0 });
        using var session = harness.Open();

        await AdoClientHarness.FetchAllAsync(session, "project");
        await AdoClientHarness.FetchAllAsync(session, "repository");

        Assert.That(session.Counters.DelayHonoured, Is.GreaterThan(TimeSpan.Zero));
    }

    [Test]
    public async Task Requests_in_flight_never_exceed_the_installation_limit()
    {
        await using var harness = await AdoClientHarness.StartAsync(OrganizationCrawlTests.SmallOrg(), new FaultSettings { LatencyMs = 40 });
        using var session = harness.Open(o => (o.MaxRequestsInFlight, o.ParallelParents, o.PageSize) = (2, 8, 2));

        await AdoClientHarness.FetchAllAsync(session, "branch");

        // The server-side intervals lie within the client's, so their overlap bounds the client's concurrency from below.
        var intervals = harness.Sandbox.RequestLog.Snapshot().Select(r => (Start: r.At, End: r.At + r.Elapsed)).ToList();
        var mostAtOnce = intervals.Max(i => intervals.Count(other => other.Start <= i.Start && other.End > i.Start));
        Assert.That(mostAtOnce, Is.InRange(1, 2));
    }
}
