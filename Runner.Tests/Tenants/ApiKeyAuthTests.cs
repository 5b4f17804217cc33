using System.Net;
using System.Net.Http.Json;
using Runner.Tests.Infrastructure;

namespace Runner.Tests.Tenants;

public sealed class ApiKeyAuthTests : ApiTests
{
    [Test]
    public async Task A_request_without_a_key_is_401_with_a_bearer_challenge()
    {
        using var anonymous = Factory.CreateClient(apiKey: null);
        var response = await anonymous.GetAsync("/api/v1/installations");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(response.Headers.WwwAuthenticate.ToString(), Does.StartWith("Bearer"));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
    }

    [Test]
    public async Task An_unknown_key_is_401()
    {
        using var stranger = Factory.CreateClient("rk_not-a-real-key-but-long-enough-to-look-like-one");
        await stranger.GetAsync("/api/v1/installations").ExpectProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task The_operator_key_is_accepted_only_on_admin_endpoints()
    {
        using var operatorClient = Factory.CreateClient(RunnerApiFactory.OperatorKey);
        await operatorClient.GetAsync("/api/v1/installations").ExpectProblemAsync(HttpStatusCode.Forbidden);
        await operatorClient.GetAsync("/api/v1/secrets").ExpectProblemAsync(HttpStatusCode.Forbidden);
        await operatorClient.PostAsJsonAsync("/api/v1/admin/tenants", new { name = "Fabrikam" }).ExpectAsync(HttpStatusCode.Created);
    }

    [Test]
    public async Task A_tenant_key_cannot_create_tenants()
    {
        var tenant = await Factory.CreateTenantAsync();
        await tenant.Admin.PostAsJsonAsync("/api/v1/admin/tenants", new { name = "Evil" }).ExpectProblemAsync(HttpStatusCode.Forbidden);
    }

    [Test]
    public async Task Creating_a_tenant_validates_its_name()
    {
        using var operatorClient = Factory.CreateClient(RunnerApiFactory.OperatorKey);
        await operatorClient.PostAsJsonAsync("/api/v1/admin/tenants", new { name = "  " })
            .ExpectProblemAsync(HttpStatusCode.BadRequest, "name", "is required");
    }

    [Test]
    public async Task A_member_reads_but_cannot_change_anything()
    {
        var tenant = await Factory.CreateTenantAsync();
        using var member = await Factory.CreateMemberAsync(tenant);

        await member.GetAsync("/api/v1/installations").ExpectAsync(HttpStatusCode.OK);
        await member.GetAsync("/api/v1/secrets").ExpectAsync(HttpStatusCode.OK);
        await member.GetAsync("/api/v1/api-keys").ExpectAsync(HttpStatusCode.OK);
        await member.GetAsync("/api/v1/integrations").ExpectAsync(HttpStatusCode.OK);
        await member.PostAsJsonAsync("/api/v1/secrets", new { name = "x", value = "y" }).ExpectProblemAsync(HttpStatusCode.Forbidden);
        await member.PutAsJsonAsync("/api/v1/secrets/x", new { value = "y" }).ExpectProblemAsync(HttpStatusCode.Forbidden);
        await member.DeleteAsync("/api/v1/secrets/x").ExpectProblemAsync(HttpStatusCode.Forbidden);
        await member.PostAsJsonAsync("/api/v1/installations", new { }).ExpectProblemAsync(HttpStatusCode.Forbidden);
        await member.PatchAsJsonAsync($"/api/v1/installations/{Guid.NewGuid()}", new { }).ExpectProblemAsync(HttpStatusCode.Forbidden);
        await member.DeleteAsync($"/api/v1/installations/{Guid.NewGuid()}").ExpectProblemAsync(HttpStatusCode.Forbidden);
        await member.PostAsJsonAsync("/api/v1/api-keys", new { name = "n", role = "admin" }).ExpectProblemAsync(HttpStatusCode.Forbidden);
        await member.DeleteAsync($"/api/v1/api-keys/{Guid.NewGuid()}").ExpectProblemAsync(HttpStatusCode.Forbidden);
    }

    [Test]
    public async Task Keys_are_shown_once_listed_without_the_key_and_stop_working_when_deleted()
    {
        var tenant = await Factory.CreateTenantAsync();
        var created = await tenant.Admin.PostAsJsonAsync("/api/v1/api-keys", new { name = "ci", role = "admin" }).ExpectAsync(HttpStatusCode.Created);
        var key = created["apiKey"]!.GetValue<string>();
        Assert.That(key, Does.StartWith("rk_"));
        Assert.That(Convert.FromBase64String(Base64Padded(key[3..])), Has.Length.EqualTo(32), "at least 32 random bytes");

        var listed = await tenant.Admin.GetAsync("/api/v1/api-keys").ExpectAsync(HttpStatusCode.OK);
        Assert.That(listed["items"]!.AsArray(), Has.Count.EqualTo(2));
        Assert.That(listed.ToJsonString(), Does.Not.Contain(key).And.Not.Contain(tenant.AdminKey));

        using var ci = Factory.CreateClient(key);
        await ci.GetAsync("/api/v1/installations").ExpectAsync(HttpStatusCode.OK);
        await tenant.Admin.DeleteAsync($"/api/v1/api-keys/{created["id"]}").ExpectAsync(HttpStatusCode.NoContent);
        await ci.GetAsync("/api/v1/installations").ExpectProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task The_last_admin_key_cannot_be_deleted()
    {
        var tenant = await Factory.CreateTenantAsync();
        var keys = await tenant.Admin.GetAsync("/api/v1/api-keys").ExpectAsync(HttpStatusCode.OK);
        var onlyKey = keys["items"]![0]!["id"]!.GetValue<string>();
        await tenant.Admin.DeleteAsync($"/api/v1/api-keys/{onlyKey}").ExpectProblemAsync(HttpStatusCode.Conflict);
    }

    [Test]
    public async Task Creating_a_key_validates_name_and_role()
    {
        var tenant = await Factory.CreateTenantAsync();
        await tenant.Admin.PostAsJsonAsync("/api/v1/api-keys", new { name = "x", role = "owner" })
            .ExpectProblemAsync(HttpStatusCode.BadRequest, "role", "must be one of admin, member");
        await tenant.Admin.PostAsJsonAsync("/api/v1/api-keys", new { role = "member" })
            .ExpectProblemAsync(HttpStatusCode.BadRequest, "name", "is required");
    }

    private static string Base64Padded(string base64Url)
    {
        var s = base64Url.Replace('-', '+').Replace('_', '/');
        return s.PadRight(s.Length + ((4 - (s.Length % 4)) % 4), '=');
    }
}
