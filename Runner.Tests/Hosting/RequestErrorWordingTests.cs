using System.Net;
using System.Net.Http.Json;
using Runner.Tests.Infrastructure;
using Runner.Tests.Installations;

namespace Runner.Tests.Hosting;

/// <summary>Requests ASP.NET cannot bind are answered in the API's words, naming the field, never with framework internals.</summary>
public sealed class RequestErrorWordingTests : ApiTests
{
    private static readonly string[] Internals = ["parameter", "Nullable", "Service", "Int32", "System."];

    [TestCase("POST", "/api/v1/secrets", "")]
    [TestCase("POST", "/api/v1/secrets", "null")]
    [TestCase("POST", "/api/v1/installations", "")]
    [TestCase("POST", "/api/v1/installations", "null")]
    [TestCase("POST", "/api/v1/api-keys", "null")]
    [TestCase("PUT", "/api/v1/secrets/some-name", "")]
    public async Task An_empty_or_null_body_is_a_400_naming_the_body(string method, string path, string body)
    {
        var tenant = await Factory.CreateTenantAsync();
        var problem = await tenant.Admin.SendJsonAsync(new HttpMethod(method), path, body)
            .ExpectProblemAsync(HttpStatusCode.BadRequest, "body", "must be a JSON object");
        Assert.That(problem.ToJsonString(), Does.Not.Contain("Implicit").And.Not.Contain("inferred"));
    }

    [TestCase("limit=abc", "limit", "must be a whole number")]
    [TestCase("limit=2147483648", "limit", "must be a whole number")]
    [TestCase("limit=0", "limit", "must be between 1 and 500")]
    [TestCase("installationId=not-a-guid", "installationId", "must be a UUID")]
    public async Task A_malformed_query_value_on_the_catalog_is_a_400_naming_it(string query, string field, string reason)
    {
        var tenant = await Factory.CreateTenantAsync();
        var blueprints = await tenant.Admin.GetAsync("/api/v1/blueprints").ExpectAsync(HttpStatusCode.OK);
        var blueprint = blueprints["items"]!.AsArray().FirstOrDefault()?["identifier"]?.GetValue<string>() ?? "project";
        await AssertNamedAsync(tenant.Admin.GetAsync($"/api/v1/blueprints/{blueprint}/entities?{query}"), field, reason);
    }

    [TestCase("limit=abc", "limit", "must be a whole number")]
    [TestCase("limit=2147483648", "limit", "must be a whole number")]
    [TestCase("limit=501", "limit", "must be between 1 and 500")]
    [TestCase("cursor=%00", "cursor", "must be a nextCursor this list returned")]
    [TestCase("cursor=not-a-cursor", "cursor", "must be a nextCursor this list returned")]
    public async Task A_malformed_page_request_on_installations_and_runs_is_a_400_naming_it(string query, string field, string reason)
    {
        var tenant = await Factory.CreateTenantAsync();
        var installation = await tenant.Admin.PostAsJsonAsync("/api/v1/installations", InstallationRequests.AzureDevOps()).ExpectAsync(HttpStatusCode.Created);
        await AssertNamedAsync(tenant.Admin.GetAsync($"/api/v1/installations?{query}"), field, reason);
        await AssertNamedAsync(tenant.Admin.GetAsync($"/api/v1/installations/{installation["id"]}/resyncs?{query}"), field, reason);
    }

    /// <summary>Kestrel refuses a decoded NUL in the path before the application runs (no hook gives it a body); it stays a 400.</summary>
    [Test]
    public async Task A_null_character_in_the_path_is_a_400_and_the_api_keeps_answering()
    {
        var tenant = await Factory.CreateTenantAsync();
        Assert.That((await tenant.Admin.GetAsync("/api/v1/secrets/a%00b")).StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        await tenant.Admin.GetAsync("/api/v1/secrets").ExpectAsync(HttpStatusCode.OK);
    }

    private static async Task AssertNamedAsync(Task<HttpResponseMessage> call, string field, string reason)
    {
        var problem = await call.ExpectProblemAsync(HttpStatusCode.BadRequest, field, reason);
        foreach (var word in Internals)
        {
            Assert.That(problem.ToJsonString(), Does.Not.Contain(word), "framework internals leak into the problem");
        }
    }
}
