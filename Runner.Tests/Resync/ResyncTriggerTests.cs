using System.Net;
using System.Net.Http.Json;
using Runner.Tests.Infrastructure;
using Runner.Tests.Installations;

namespace Runner.Tests.Resync;

/// <summary>The Api side of a resync: it records queued runs and enqueues jobs; no Worker runs in this fixture.</summary>
public sealed class ResyncTriggerTests : ApiTests
{
    private async Task<(ApiCalls.TestTenant Tenant, string InstallationId, string InitialRunId)> InstallAsync()
    {
        var tenant = await Factory.CreateTenantAsync();
        var installation = await tenant.Admin.PostAsJsonAsync("/api/v1/installations", InstallationRequests.AzureDevOps()).ExpectAsync(HttpStatusCode.Created);
        return (tenant, installation["id"]!.GetValue<string>(), installation["lastRun"]!["id"]!.GetValue<string>());
    }

    [Test]
    public async Task A_new_installation_queues_its_first_resync_and_a_trigger_meanwhile_is_409_naming_it()
    {
        var (tenant, id, initial) = await InstallAsync();
        var run = await tenant.Admin.GetAsync($"/api/v1/resyncs/{initial}").ExpectAsync(HttpStatusCode.OK);
        Assert.That(run["status"]!.GetValue<string>(), Is.EqualTo("queued"));
        Assert.That(run["trigger"]!.GetValue<string>(), Is.EqualTo("initial"));

        var conflict = await tenant.Admin.PostAsync($"/api/v1/installations/{id}/resyncs", null).ExpectProblemAsync(HttpStatusCode.Conflict);
        Assert.That(conflict["activeRunId"]!.GetValue<string>(), Is.EqualTo(initial));
    }

    [Test]
    public async Task Cancelling_a_queued_run_frees_the_installation_for_a_manual_trigger()
    {
        var (tenant, id, initial) = await InstallAsync();
        var cancelled = await tenant.Admin.PostAsync($"/api/v1/resyncs/{initial}/cancel", null).ExpectAsync(HttpStatusCode.OK);
        Assert.That(cancelled["status"]!.GetValue<string>(), Is.EqualTo("cancelled"));
        await tenant.Admin.PostAsync($"/api/v1/resyncs/{initial}/cancel", null).ExpectProblemAsync(HttpStatusCode.Conflict);

        var response = await tenant.Admin.PostAsync($"/api/v1/installations/{id}/resyncs", null);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        var manual = await response.ReadJsonAsync();
        Assert.That(manual["trigger"]!.GetValue<string>(), Is.EqualTo("manual"));
        Assert.That(response.Headers.Location?.ToString(), Is.EqualTo($"/api/v1/resyncs/{manual["id"]}"));

        var listed = await tenant.Admin.GetAsync($"/api/v1/installations/{id}/resyncs").ExpectAsync(HttpStatusCode.OK);
        Assert.That(listed["items"]!.AsArray().Select(r => r!["status"]!.GetValue<string>()), Is.EqualTo(new[] { "queued", "cancelled" }));
        var installation = await tenant.Admin.GetAsync($"/api/v1/installations/{id}").ExpectAsync(HttpStatusCode.OK);
        Assert.That(installation["lastRun"]!["id"]!.GetValue<string>(), Is.EqualTo(manual["id"]!.GetValue<string>()));
    }

    [Test]
    public async Task Runs_of_another_tenant_are_404_and_members_cannot_trigger_or_cancel()
    {
        var (tenant, id, initial) = await InstallAsync();
        var other = await Factory.CreateTenantAsync("Other");

        await other.Admin.PostAsync($"/api/v1/installations/{id}/resyncs", null).ExpectProblemAsync(HttpStatusCode.NotFound);
        await other.Admin.GetAsync($"/api/v1/installations/{id}/resyncs").ExpectProblemAsync(HttpStatusCode.NotFound);
        await other.Admin.GetAsync($"/api/v1/resyncs/{initial}").ExpectProblemAsync(HttpStatusCode.NotFound);
        await other.Admin.PostAsync($"/api/v1/resyncs/{initial}/cancel", null).ExpectProblemAsync(HttpStatusCode.NotFound);
        using var member = await Factory.CreateMemberAsync(tenant);
        await member.PostAsync($"/api/v1/installations/{id}/resyncs", null).ExpectProblemAsync(HttpStatusCode.Forbidden);
        await member.PostAsync($"/api/v1/resyncs/{initial}/cancel", null).ExpectProblemAsync(HttpStatusCode.Forbidden);
        await member.GetAsync($"/api/v1/resyncs/{initial}").ExpectAsync(HttpStatusCode.OK);
    }
}
