using System.Net;
using System.Net.Http.Json;
using Runner.Tests.Infrastructure;
using Runner.Tests.Installations;

namespace Runner.Tests.Resync;

/// <summary>The Api side of a resync: it records a queued run and enqueues a job; no Worker runs here.</summary>
public sealed class ResyncTriggerTests : ApiTests
{
    [Test]
    public async Task A_manual_trigger_is_202_with_a_queued_run_and_a_second_is_409_naming_it()
    {
        var tenant = await Factory.CreateTenantAsync();
        var installation = await tenant.Admin.PostAsJsonAsync("/api/v1/installations", InstallationRequests.AzureDevOps()).ExpectAsync(HttpStatusCode.Created);
        var id = installation["id"]!.GetValue<string>();

        var response = await tenant.Admin.PostAsync($"/api/v1/installations/{id}/resyncs", null);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        var run = await response.ReadJsonAsync();
        Assert.That(run["status"]!.GetValue<string>(), Is.EqualTo("queued"));
        Assert.That(run["trigger"]!.GetValue<string>(), Is.EqualTo("manual"));
        Assert.That(response.Headers.Location?.ToString(), Is.EqualTo($"/api/v1/resyncs/{run["id"]}"));

        var conflict = await tenant.Admin.PostAsync($"/api/v1/installations/{id}/resyncs", null).ExpectProblemAsync(HttpStatusCode.Conflict);
        Assert.That(conflict["activeRunId"]!.GetValue<string>(), Is.EqualTo(run["id"]!.GetValue<string>()));

        var listed = await tenant.Admin.GetAsync($"/api/v1/installations/{id}/resyncs").ExpectAsync(HttpStatusCode.OK);
        Assert.That(listed["items"]!.AsArray(), Has.Count.EqualTo(1));
        var read = await tenant.Admin.GetAsync($"/api/v1/resyncs/{run["id"]}").ExpectAsync(HttpStatusCode.OK);
        Assert.That(read["status"]!.GetValue<string>(), Is.EqualTo("queued"));
    }

    [Test]
    public async Task Runs_of_another_tenant_are_404_and_members_cannot_trigger()
    {
        var tenant = await Factory.CreateTenantAsync();
        var installation = await tenant.Admin.PostAsJsonAsync("/api/v1/installations", InstallationRequests.AzureDevOps()).ExpectAsync(HttpStatusCode.Created);
        var id = installation["id"]!.GetValue<string>();
        var run = await tenant.Admin.PostAsync($"/api/v1/installations/{id}/resyncs", null).ExpectAsync(HttpStatusCode.Accepted);
        var other = await Factory.CreateTenantAsync("Other");

        await other.Admin.PostAsync($"/api/v1/installations/{id}/resyncs", null).ExpectProblemAsync(HttpStatusCode.NotFound);
        await other.Admin.GetAsync($"/api/v1/installations/{id}/resyncs").ExpectProblemAsync(HttpStatusCode.NotFound);
        await other.Admin.GetAsync($"/api/v1/resyncs/{run["id"]}").ExpectProblemAsync(HttpStatusCode.NotFound);
        using var member = await Factory.CreateMemberAsync(tenant);
        await member.PostAsync($"/api/v1/installations/{id}/resyncs", null).ExpectProblemAsync(HttpStatusCode.Forbidden);
        await member.GetAsync($"/api/v1/resyncs/{run["id"]}").ExpectAsync(HttpStatusCode.OK);
    }
}
