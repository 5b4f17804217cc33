using System.Net;
using System.Net.Http.Json;
using Runner.Tests.Infrastructure;
using Runner.Tests.Installations;

namespace Runner.Tests.Tenants;

/// <summary>Every endpoint, called by another tenant's admin: their objects do not exist for it.</summary>
public sealed class TenantIsolationTests : ApiTests
{
    private ApiCalls.TestTenant _owner = null!;
    private ApiCalls.TestTenant _other = null!;
    private string _installationId = null!;
    private string _ownerKeyId = null!;

    [OneTimeSetUp]
    public async Task CreateTwoTenants()
    {
        _owner = await Factory.CreateTenantAsync("Owner");
        _other = await Factory.CreateTenantAsync("Other");
        await _owner.Admin.PostAsJsonAsync("/api/v1/secrets", new { name = "owner-pat", value = "owner-value" }).ExpectAsync(HttpStatusCode.Created);
        var installation = await _owner.Admin.PostAsJsonAsync("/api/v1/installations",
            InstallationRequests.AzureDevOps(personalAccessToken: new { secret = "owner-pat" })).ExpectAsync(HttpStatusCode.Created);
        _installationId = installation["id"]!.GetValue<string>();
        var keys = await _owner.Admin.GetAsync("/api/v1/api-keys").ExpectAsync(HttpStatusCode.OK);
        _ownerKeyId = keys["items"]![0]!["id"]!.GetValue<string>();
    }

    [Test]
    public async Task Another_tenants_installation_is_404_for_read_change_and_delete()
    {
        await _other.Admin.GetAsync($"/api/v1/installations/{_installationId}").ExpectProblemAsync(HttpStatusCode.NotFound);
        await _other.Admin.PatchAsJsonAsync($"/api/v1/installations/{_installationId}", new { name = "hijacked" }).ExpectProblemAsync(HttpStatusCode.NotFound);
        await _other.Admin.DeleteAsync($"/api/v1/installations/{_installationId}").ExpectProblemAsync(HttpStatusCode.NotFound);
        var stillThere = await _owner.Admin.GetAsync($"/api/v1/installations/{_installationId}").ExpectAsync(HttpStatusCode.OK);
        Assert.That(stillThere["name"]!.GetValue<string>(), Is.EqualTo("Contoso ADO"));
    }

    [Test]
    public async Task Another_tenants_secret_is_404_for_rotate_and_delete()
    {
        await _other.Admin.PutAsJsonAsync("/api/v1/secrets/owner-pat", new { value = "x" }).ExpectProblemAsync(HttpStatusCode.NotFound);
        await _other.Admin.DeleteAsync("/api/v1/secrets/owner-pat").ExpectProblemAsync(HttpStatusCode.NotFound);
    }

    [Test]
    public async Task Another_tenants_secret_cannot_be_referenced_by_name()
    {
        await _other.Admin.PostAsJsonAsync("/api/v1/installations", InstallationRequests.AzureDevOps(personalAccessToken: new { secret = "owner-pat" }))
            .ExpectProblemAsync(HttpStatusCode.BadRequest, "integrationSettings.personalAccessToken.secret", "no Port secret named 'owner-pat'");
    }

    [Test]
    public async Task A_secret_name_used_by_another_tenant_is_free_for_this_one()
    {
        var third = await Factory.CreateTenantAsync("Third");
        await third.Admin.PostAsJsonAsync("/api/v1/secrets", new { name = "owner-pat", value = "third-value" }).ExpectAsync(HttpStatusCode.Created);
        var listed = await third.Admin.GetAsync("/api/v1/secrets").ExpectAsync(HttpStatusCode.OK);
        Assert.That(listed["items"]![0]!["usedBy"]!.AsArray(), Is.Empty, "the owner's installation is not shown to the other tenant");
    }

    [Test]
    public async Task Another_tenants_api_key_is_404_for_delete()
    {
        await _other.Admin.DeleteAsync($"/api/v1/api-keys/{_ownerKeyId}").ExpectProblemAsync(HttpStatusCode.NotFound);
    }

    [Test]
    public async Task Lists_show_only_the_callers_objects()
    {
        var installations = await _other.Admin.GetAsync("/api/v1/installations").ExpectAsync(HttpStatusCode.OK);
        Assert.That(installations.ToJsonString(), Does.Not.Contain(_installationId));
        var keys = await _other.Admin.GetAsync("/api/v1/api-keys").ExpectAsync(HttpStatusCode.OK);
        Assert.That(keys.ToJsonString(), Does.Not.Contain(_ownerKeyId));
        var secrets = await _other.Admin.GetAsync("/api/v1/secrets").ExpectAsync(HttpStatusCode.OK);
        Assert.That(secrets.ToJsonString(), Does.Not.Contain(_installationId), "no secret of the owner, nor its usage, leaks");
    }
}
