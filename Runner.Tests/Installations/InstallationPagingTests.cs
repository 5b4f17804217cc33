using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Runner.Tests.Infrastructure;

namespace Runner.Tests.Installations;

/// <summary><c>limit</c> and <c>cursor</c> page the installations (oldest first) and an installation's runs (newest first).</summary>
public sealed class InstallationPagingTests : ApiTests
{
    [Test]
    public async Task Installations_come_page_by_page_in_creation_order()
    {
        var tenant = await Factory.CreateTenantAsync();
        var created = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var installation = await tenant.Admin.PostAsJsonAsync("/api/v1/installations", InstallationRequests.AzureDevOps($"ado {i}")).ExpectAsync(HttpStatusCode.Created);
            created.Add(installation["id"]!.GetValue<string>());
        }

        var first = await tenant.Admin.GetAsync("/api/v1/installations?limit=2").ExpectAsync(HttpStatusCode.OK);
        var cursor = first["nextCursor"]!.GetValue<string>();
        var second = await tenant.Admin.GetAsync($"/api/v1/installations?limit=2&cursor={cursor}").ExpectAsync(HttpStatusCode.OK);

        Assert.That(Ids(first), Is.EqualTo(created[..2]));
        Assert.That(Ids(second), Is.EqualTo(created[2..]));
        Assert.That(second["nextCursor"], Is.Null);
        Assert.That(Ids(await tenant.Admin.GetAsync("/api/v1/installations").ExpectAsync(HttpStatusCode.OK)), Is.EqualTo(created));
    }

    [Test]
    public async Task Runs_come_page_by_page_newest_first()
    {
        var tenant = await Factory.CreateTenantAsync();
        var installation = await tenant.Admin.PostAsJsonAsync("/api/v1/installations", InstallationRequests.AzureDevOps()).ExpectAsync(HttpStatusCode.Created);
        var id = installation["id"]!.GetValue<string>();
        var runs = new List<string> { installation["lastRun"]!["id"]!.GetValue<string>() };
        for (var i = 0; i < 2; i++)
        {
            await tenant.Admin.PostAsync($"/api/v1/resyncs/{runs[^1]}/cancel", null).ExpectAsync(HttpStatusCode.OK);
            var run = await tenant.Admin.PostAsync($"/api/v1/installations/{id}/resyncs", null).ExpectAsync(HttpStatusCode.Accepted);
            runs.Add(run["id"]!.GetValue<string>());
        }
        runs.Reverse();

        var first = await tenant.Admin.GetAsync($"/api/v1/installations/{id}/resyncs?limit=2").ExpectAsync(HttpStatusCode.OK);
        var second = await tenant.Admin.GetAsync($"/api/v1/installations/{id}/resyncs?limit=2&cursor={first["nextCursor"]}").ExpectAsync(HttpStatusCode.OK);

        Assert.That(Ids(first), Is.EqualTo(runs[..2]));
        Assert.That(Ids(second), Is.EqualTo(runs[2..]));
        Assert.That(second["nextCursor"], Is.Null);
    }

    private static List<string> Ids(JsonNode page) => page["items"]!.AsArray().Select(i => i!["id"]!.GetValue<string>()).ToList();
}
