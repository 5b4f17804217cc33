using System.Net;
using System.Net.Http.Json;
using Runner.Domain.Integrations.AzureDevOps.Defaults;
using Runner.Tests.Infrastructure;

namespace Runner.Tests.Installations;

public sealed class InstallationLifecycleTests : ApiTests
{
    [Test]
    public async Task Creating_with_a_new_secret_stores_only_a_reference_and_applies_default_application_settings()
    {
        var tenant = await Factory.CreateTenantAsync();

        var created = await tenant.Admin.PostAsJsonAsync("/api/v1/installations", new
        {
            integrationType = "azure-devops",
            name = "Contoso ADO",
            integrationSettings = new
            {
                organizationUrl = "https://dev.azure.com/contoso",
                personalAccessToken = new { newSecret = new { name = "ado-pat", value = "pat-value-123" } },
            },
        }).ExpectAsync(HttpStatusCode.Created);

        Assert.That(created["integrationSettings"]!["personalAccessToken"]!.ToJsonString(), Is.EqualTo("""{"secret":"ado-pat"}"""));
        Assert.That(created["integrationSettings"]!["organizationUrl"]!.GetValue<string>(), Is.EqualTo("https://dev.azure.com/contoso"));
        Assert.That(created["applicationSettings"]!["resyncIntervalHours"]!.GetValue<int>(), Is.EqualTo(1));
        Assert.That(created["applicationSettings"]!["sendRawDataExamples"]!.GetValue<bool>(), Is.True);
        Assert.That(created["status"]!.GetValue<string>(), Is.EqualTo("active"));
        Assert.That(created.ToJsonString(), Does.Not.Contain("pat-value-123"));

        var secrets = await tenant.Admin.GetAsync("/api/v1/secrets").ExpectAsync(HttpStatusCode.OK);
        Assert.That(secrets["items"]![0]!["name"]!.GetValue<string>(), Is.EqualTo("ado-pat"));
        Assert.That(secrets["items"]![0]!["usedBy"]![0]!["name"]!.GetValue<string>(), Is.EqualTo("Contoso ADO"));
    }

    [Test]
    public async Task Patch_changes_only_the_fields_it_names()
    {
        var tenant = await Factory.CreateTenantAsync();
        var created = await tenant.Admin.PostAsJsonAsync("/api/v1/installations", InstallationRequests.AzureDevOps()).ExpectAsync(HttpStatusCode.Created);
        var id = created["id"]!.GetValue<string>();

        var patched = await tenant.Admin.PatchAsJsonAsync($"/api/v1/installations/{id}", new { applicationSettings = new { resyncIntervalHours = 6 } })
            .ExpectAsync(HttpStatusCode.OK);

        Assert.That(patched["applicationSettings"]!["resyncIntervalHours"]!.GetValue<int>(), Is.EqualTo(6));
        Assert.That(patched["applicationSettings"]!["sendRawDataExamples"]!.GetValue<bool>(), Is.True);
        Assert.That(patched["name"]!.GetValue<string>(), Is.EqualTo("Contoso ADO"));
        Assert.That(patched["integrationSettings"]!.ToJsonString(), Is.EqualTo(created["integrationSettings"]!.ToJsonString()));
        var reread = await tenant.Admin.GetAsync($"/api/v1/installations/{id}").ExpectAsync(HttpStatusCode.OK);
        Assert.That(reread.ToJsonString(), Is.EqualTo(patched.ToJsonString()));
    }

    [Test]
    public async Task Patch_swaps_the_secret_and_adds_and_removes_optional_settings()
    {
        var tenant = await Factory.CreateTenantAsync();
        await tenant.Admin.PostAsJsonAsync("/api/v1/secrets", new { name = "first-pat", value = "1" }).ExpectAsync(HttpStatusCode.Created);
        var created = await tenant.Admin.PostAsJsonAsync("/api/v1/installations", InstallationRequests.AzureDevOps(personalAccessToken: new { secret = "first-pat" }))
            .ExpectAsync(HttpStatusCode.Created);
        var id = created["id"]!.GetValue<string>();

        var withTags = await tenant.Admin.PatchAsJsonAsync($"/api/v1/installations/{id}", new
        {
            integrationSettings = new { personalAccessToken = new { newSecret = new { name = "second-pat", value = "2" } }, excludedTags = new[] { "archived" } },
        }).ExpectAsync(HttpStatusCode.OK);
        Assert.That(withTags["integrationSettings"]!["personalAccessToken"]!["secret"]!.GetValue<string>(), Is.EqualTo("second-pat"));
        Assert.That(withTags["integrationSettings"]!["excludedTags"]!.ToJsonString(), Is.EqualTo("""["archived"]"""));

        var withoutTags = await tenant.Admin.SendJsonAsync(HttpMethod.Patch, $"/api/v1/installations/{id}", """{"integrationSettings":{"excludedTags":null}}""")
            .ExpectAsync(HttpStatusCode.OK);
        Assert.That(withoutTags["integrationSettings"]!.AsObject().Select(p => p.Key), Is.EquivalentTo(new[] { "organizationUrl", "personalAccessToken" }));

        await tenant.Admin.DeleteAsync("/api/v1/secrets/first-pat").ExpectAsync(HttpStatusCode.NoContent);
        await tenant.Admin.SendJsonAsync(HttpMethod.Patch, $"/api/v1/installations/{id}", """{"integrationSettings":{"personalAccessToken":null}}""")
            .ExpectProblemAsync(HttpStatusCode.BadRequest, "integrationSettings.personalAccessToken", "is required and cannot be removed");
    }

    [Test]
    public async Task Patch_validates_like_create()
    {
        var tenant = await Factory.CreateTenantAsync();
        var created = await tenant.Admin.PostAsJsonAsync("/api/v1/installations", InstallationRequests.AzureDevOps()).ExpectAsync(HttpStatusCode.Created);
        var id = created["id"]!.GetValue<string>();
        await tenant.Admin.PatchAsJsonAsync($"/api/v1/installations/{id}", new { applicationSettings = new { resyncIntervalHours = 5 } })
            .ExpectProblemAsync(HttpStatusCode.BadRequest, "applicationSettings.resyncIntervalHours", "must be one of");
        await tenant.Admin.PatchAsJsonAsync($"/api/v1/installations/{id}", new { name = "" })
            .ExpectProblemAsync(HttpStatusCode.BadRequest, "name", "must not be empty");
        var unchanged = await tenant.Admin.GetAsync($"/api/v1/installations/{id}").ExpectAsync(HttpStatusCode.OK);
        Assert.That(unchanged.ToJsonString(), Is.EqualTo(created.ToJsonString()));
    }

    [Test]
    public async Task Installations_are_listed_and_deleted()
    {
        var tenant = await Factory.CreateTenantAsync();
        var first = await tenant.Admin.PostAsJsonAsync("/api/v1/installations", InstallationRequests.AzureDevOps("One")).ExpectAsync(HttpStatusCode.Created);
        await tenant.Admin.PostAsJsonAsync("/api/v1/installations", InstallationRequests.AzureDevOps("Two")).ExpectAsync(HttpStatusCode.Created);

        var listed = await tenant.Admin.GetAsync("/api/v1/installations").ExpectAsync(HttpStatusCode.OK);
        Assert.That(listed["items"]!.AsArray().Select(i => i!["name"]!.GetValue<string>()), Is.EqualTo(new[] { "One", "Two" }));

        await tenant.Admin.DeleteAsync($"/api/v1/installations/{first["id"]}").ExpectAsync(HttpStatusCode.NoContent);
        await tenant.Admin.GetAsync($"/api/v1/installations/{first["id"]}").ExpectProblemAsync(HttpStatusCode.NotFound);
        var after = await tenant.Admin.GetAsync("/api/v1/installations").ExpectAsync(HttpStatusCode.OK);
        Assert.That(after["items"]!.AsArray().Select(i => i!["name"]!.GetValue<string>()), Is.EqualTo(new[] { "Two" }));
    }

    [Test]
    public async Task A_tenants_first_installations_created_at_once_all_succeed_and_share_one_set_of_blueprints()
    {
        var tenant = await Factory.CreateTenantAsync();
        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(i =>
            tenant.Admin.PostAsJsonAsync("/api/v1/installations", InstallationRequests.AzureDevOps($"Parallel {i}"))));
        Assert.That(responses.Select(r => r.StatusCode), Has.All.EqualTo(HttpStatusCode.Created));
        var blueprints = await tenant.Admin.GetAsync("/api/v1/blueprints").ExpectAsync(HttpStatusCode.OK);
        Assert.That(blueprints["items"]!.AsArray(), Has.Count.EqualTo(AzureDevOpsDefaults.Blueprints.Count));
    }
}
