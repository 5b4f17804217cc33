using System.Net;
using System.Net.Http.Json;
using Runner.Tests.Infrastructure;
using Runner.Tests.Installations;

namespace Runner.Tests.Secrets;

public sealed class SecretLifecycleTests : ApiTests
{
    [Test]
    public async Task A_created_secret_is_listed_without_its_value_and_decrypts_to_it()
    {
        var tenant = await Factory.CreateTenantAsync();
        var created = await tenant.Admin.PostAsJsonAsync("/api/v1/secrets", new { name = "ado-pat", value = "round-trip-value" }).ExpectAsync(HttpStatusCode.Created);
        Assert.That(created.ToJsonString(), Does.Not.Contain("round-trip-value"));

        var listed = await tenant.Admin.GetAsync("/api/v1/secrets").ExpectAsync(HttpStatusCode.OK);
        Assert.That(listed["items"]![0]!["name"]!.GetValue<string>(), Is.EqualTo("ado-pat"));
        Assert.That(listed.ToJsonString(), Does.Not.Contain("round-trip-value"));
        Assert.That(await Factory.RevealSecretAsync(tenant.Id, "ado-pat"), Is.EqualTo("round-trip-value"));
    }

    [Test]
    public async Task Rotating_replaces_the_value_and_moves_updatedAt()
    {
        var tenant = await Factory.CreateTenantAsync();
        var created = await tenant.Admin.PostAsJsonAsync("/api/v1/secrets", new { name = "ado-pat", value = "old-value" }).ExpectAsync(HttpStatusCode.Created);
        var rotated = await tenant.Admin.PutAsJsonAsync("/api/v1/secrets/ado-pat", new { value = "new-value" }).ExpectAsync(HttpStatusCode.OK);

        Assert.That(rotated["updatedAt"]!.GetValue<DateTimeOffset>(), Is.GreaterThan(created["updatedAt"]!.GetValue<DateTimeOffset>()));
        Assert.That(rotated["createdAt"]!.GetValue<DateTimeOffset>(), Is.EqualTo(created["createdAt"]!.GetValue<DateTimeOffset>()));
        Assert.That(await Factory.RevealSecretAsync(tenant.Id, "ado-pat"), Is.EqualTo("new-value"));
    }

    [Test]
    public async Task A_duplicate_name_is_409()
    {
        var tenant = await Factory.CreateTenantAsync();
        await tenant.Admin.PostAsJsonAsync("/api/v1/secrets", new { name = "ado-pat", value = "a" }).ExpectAsync(HttpStatusCode.Created);
        var problem = await tenant.Admin.PostAsJsonAsync("/api/v1/secrets", new { name = "ado-pat", value = "b" }).ExpectProblemAsync(HttpStatusCode.Conflict);
        Assert.That(problem["detail"]!.GetValue<string>(), Does.Contain("ado-pat"));
    }

    [Test]
    public async Task A_secret_in_use_cannot_be_deleted_and_the_409_names_the_installations()
    {
        var tenant = await Factory.CreateTenantAsync();
        await tenant.Admin.PostAsJsonAsync("/api/v1/secrets", new { name = "shared-pat", value = "v" }).ExpectAsync(HttpStatusCode.Created);
        var first = await tenant.Admin.PostAsJsonAsync("/api/v1/installations", InstallationRequests.AzureDevOps("First", new { secret = "shared-pat" })).ExpectAsync(HttpStatusCode.Created);
        await tenant.Admin.PostAsJsonAsync("/api/v1/installations", InstallationRequests.AzureDevOps("Second", new { secret = "shared-pat" })).ExpectAsync(HttpStatusCode.Created);

        var problem = await tenant.Admin.DeleteAsync("/api/v1/secrets/shared-pat").ExpectProblemAsync(HttpStatusCode.Conflict);
        Assert.That(problem["detail"]!.GetValue<string>(), Does.Contain("'First'").And.Contain("'Second'"));
        Assert.That(problem["installations"]!.AsArray().Select(i => i!["name"]!.GetValue<string>()), Is.EqualTo(new[] { "First", "Second" }));

        var listed = await tenant.Admin.GetAsync("/api/v1/secrets").ExpectAsync(HttpStatusCode.OK);
        Assert.That(listed["items"]![0]!["usedBy"]!.AsArray(), Has.Count.EqualTo(2));

        await tenant.Admin.DeleteAsync($"/api/v1/installations/{first["id"]}").ExpectAsync(HttpStatusCode.NoContent);
        await tenant.Admin.DeleteAsync("/api/v1/secrets/shared-pat").ExpectProblemAsync(HttpStatusCode.Conflict, reason: null);
    }

    [Test]
    public async Task An_unused_secret_is_deleted()
    {
        var tenant = await Factory.CreateTenantAsync();
        await tenant.Admin.PostAsJsonAsync("/api/v1/secrets", new { name = "old", value = "v" }).ExpectAsync(HttpStatusCode.Created);
        await tenant.Admin.DeleteAsync("/api/v1/secrets/old").ExpectAsync(HttpStatusCode.NoContent);
        await tenant.Admin.DeleteAsync("/api/v1/secrets/old").ExpectProblemAsync(HttpStatusCode.NotFound);
    }

    [TestCase("", "is required")]
    [TestCase("-starts-with-dash", "must match")]
    [TestCase("has space", "must match")]
    [TestCase("has.dot", "must match")]
    public async Task Bad_names_are_400_naming_the_field(string name, string reason)
    {
        var tenant = await Factory.CreateTenantAsync();
        await tenant.Admin.PostAsJsonAsync("/api/v1/secrets", new { name, value = "v" }).ExpectProblemAsync(HttpStatusCode.BadRequest, "name", reason);
    }

    [Test]
    public async Task A_name_of_65_characters_is_rejected_and_64_accepted()
    {
        var tenant = await Factory.CreateTenantAsync();
        await tenant.Admin.PostAsJsonAsync("/api/v1/secrets", new { name = new string('a', 65), value = "v" }).ExpectProblemAsync(HttpStatusCode.BadRequest, "name", "must match");
        await tenant.Admin.PostAsJsonAsync("/api/v1/secrets", new { name = new string('a', 64), value = "v" }).ExpectAsync(HttpStatusCode.Created);
    }

    [Test]
    public async Task An_empty_value_is_400()
    {
        var tenant = await Factory.CreateTenantAsync();
        await tenant.Admin.PostAsJsonAsync("/api/v1/secrets", new { name = "x", value = "" }).ExpectProblemAsync(HttpStatusCode.BadRequest, "value", "is required");
        await tenant.Admin.PostAsJsonAsync("/api/v1/secrets", new { name = "x", value = "v" }).ExpectAsync(HttpStatusCode.Created);
        await tenant.Admin.PutAsJsonAsync("/api/v1/secrets/x", new { value = "" }).ExpectProblemAsync(HttpStatusCode.BadRequest, "value", "is required");
    }
}
