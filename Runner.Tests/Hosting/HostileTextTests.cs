using System.Net;
using System.Net.Http.Json;
using System.Text;
using Runner.Tests.Infrastructure;

namespace Runner.Tests.Hosting;

/// <summary>
/// Text PostgreSQL cannot store (NUL characters, invalid UTF-8) or columns cannot hold (too long) is refused
/// with a 400 naming the field before it reaches the database; each of these answered 500 before.
/// </summary>
public sealed class HostileTextTests : ApiTests
{
    private static ByteArrayContent Json(byte[] body) => new(body) { Headers = { ContentType = new("application/json") } };

    private static ByteArrayContent Json(string body) => Json(Encoding.UTF8.GetBytes(body));

    [Test]
    public async Task A_blueprint_with_a_duplicate_key_is_refused()
    {
        var tenant = await Factory.CreateTenantAsync();

        await tenant.Admin.PutAsync("/api/v1/blueprints/dup", Json("""{"title":"A","title":"B"}"""))
            .ExpectProblemAsync(HttpStatusCode.BadRequest, "title", "appears twice");
        await tenant.Admin.PutAsync("/api/v1/blueprints/dup", Json("""{"title":"A","schema":{"properties":{"x":{},"x":{}}}}"""))
            .ExpectProblemAsync(HttpStatusCode.BadRequest, "schema.properties.x", "appears twice");
    }

    [Test]
    public async Task A_blueprint_title_longer_than_its_column_is_refused()
    {
        var tenant = await Factory.CreateTenantAsync();

        await tenant.Admin.PutAsJsonAsync("/api/v1/blueprints/long", new { title = new string('t', 100_000) })
            .ExpectProblemAsync(HttpStatusCode.BadRequest, "title", "at most 200 characters");
    }

    [Test]
    public async Task A_blueprint_with_a_nul_character_anywhere_is_refused_naming_where()
    {
        var tenant = await Factory.CreateTenantAsync();

        await tenant.Admin.PutAsync("/api/v1/blueprints/nul", Json("""{"title":"a\u0000b"}"""))
            .ExpectProblemAsync(HttpStatusCode.BadRequest, "title", "NUL");
        await tenant.Admin.PutAsync("/api/v1/blueprints/nul", Json("""{"title":"t","schema":{"properties":{"x":{"enum":["ok","a\u0000"]}}}}"""))
            .ExpectProblemAsync(HttpStatusCode.BadRequest, "schema.properties.x.enum[1]", "NUL");
        await tenant.Admin.PutAsync("/api/v1/blueprints/nul", Json("""{"title":"t","schema":{"properties":{"a\u0000":{}}}}"""))
            .ExpectProblemAsync(HttpStatusCode.BadRequest, "schema.properties", "NUL");
    }

    [Test]
    public async Task A_blueprint_that_is_not_valid_utf8_is_refused()
    {
        var tenant = await Factory.CreateTenantAsync();
        byte[] body = [.. "{\"title\":\""u8, 0xFF, 0xFE, .. "\"}"u8];

        await tenant.Admin.PutAsync("/api/v1/blueprints/utf", Json(body)).ExpectProblemAsync(HttpStatusCode.BadRequest, "body", "UTF-8");
    }

    [Test]
    public async Task A_blueprint_nested_deeper_than_the_limit_is_refused()
    {
        var tenant = await Factory.CreateTenantAsync();
        var deep = """{"title":"t","x":""" + string.Concat(Enumerable.Repeat("{\"a\":", 1000)) + "1" + new string('}', 1000) + "}";

        await tenant.Admin.PutAsync("/api/v1/blueprints/deep", Json(deep)).ExpectProblemAsync(HttpStatusCode.BadRequest);
    }

    [TestCase("search=%00")]
    [TestCase("cursor=%00")]
    [TestCase("search=a%00b")]
    public async Task Entity_search_and_cursor_with_a_nul_character_are_refused(string query)
    {
        var tenant = await Factory.CreateTenantAsync();
        await tenant.Admin.PutAsJsonAsync("/api/v1/blueprints/things", new { title = "Things" }).ExpectAsync(HttpStatusCode.OK);

        await tenant.Admin.GetAsync($"/api/v1/blueprints/things/entities?{query}")
            .ExpectProblemAsync(HttpStatusCode.BadRequest, query.Split('=')[0], "NUL");
    }

    [TestCase("search")]
    [TestCase("cursor")]
    public async Task Entity_search_and_cursor_longer_than_the_limit_are_refused(string parameter)
    {
        var tenant = await Factory.CreateTenantAsync();
        await tenant.Admin.PutAsJsonAsync("/api/v1/blueprints/things", new { title = "Things" }).ExpectAsync(HttpStatusCode.OK);

        await tenant.Admin.GetAsync($"/api/v1/blueprints/things/entities?{parameter}={new string('x', 1_000)}")
            .ExpectProblemAsync(HttpStatusCode.BadRequest, parameter, "at most");
    }

    [Test]
    public async Task Names_with_a_nul_character_are_refused()
    {
        var tenant = await Factory.CreateTenantAsync();
        using var operatorClient = Factory.CreateClient(RunnerApiFactory.OperatorKey);

        await operatorClient.PostAsync("/api/v1/admin/tenants", Json("""{"name":"a\u0000b"}""")).ExpectProblemAsync(HttpStatusCode.BadRequest, "name", "NUL");
        await tenant.Admin.PostAsync("/api/v1/api-keys", Json("""{"name":"a\u0000b","role":"member"}""")).ExpectProblemAsync(HttpStatusCode.BadRequest, "name", "NUL");
        var installation = """
            {"integrationType":"azure-devops","name":"a\u0000b",
             "integrationSettings":{"organizationUrl":"https://dev.azure.com/c","personalAccessToken":{"newSecret":{"name":"p1","value":"v"}}}}
            """;
        await tenant.Admin.PostAsync("/api/v1/installations", Json(installation)).ExpectProblemAsync(HttpStatusCode.BadRequest, "name", "NUL");
    }

    [Test]
    public async Task Settings_and_secret_references_with_a_nul_character_are_refused()
    {
        var tenant = await Factory.CreateTenantAsync();
        var existing = """
            {"integrationType":"azure-devops","name":"n",
             "integrationSettings":{"organizationUrl":"https://dev.azure.com/c","personalAccessToken":{"secret":"a\u0000b"}}}
            """;
        await tenant.Admin.PostAsync("/api/v1/installations", Json(existing)).ExpectProblemAsync(HttpStatusCode.BadRequest, "integrationSettings.personalAccessToken.secret");
        var url = """
            {"integrationType":"azure-devops","name":"n",
             "integrationSettings":{"organizationUrl":"https://dev.azure.com/c\u0000","personalAccessToken":{"newSecret":{"name":"p2","value":"v"}}}}
            """;
        await tenant.Admin.PostAsync("/api/v1/installations", Json(url)).ExpectProblemAsync(HttpStatusCode.BadRequest, "integrationSettings.organizationUrl");
    }

    [Test]
    public async Task Settings_that_are_not_valid_utf8_are_refused()
    {
        var tenant = await Factory.CreateTenantAsync();
        byte[] body =
        [
            .. "{\"integrationType\":\"azure-devops\",\"name\":\""u8, 0xC3, 0x28,
            .. "\",\"integrationSettings\":{\"organizationUrl\":\"https://dev.azure.com/c\",\"personalAccessToken\":{\"newSecret\":{\"name\":\"p3\",\"value\":\"v\"}}}}"u8,
        ];

        await tenant.Admin.PostAsync("/api/v1/installations", Json(body)).ExpectProblemAsync(HttpStatusCode.BadRequest);
        await tenant.Admin.PostAsync("/api/v1/secrets", Json([.. "{\"name\":\"s\",\"value\":\""u8, 0xFF, .. "\"}"u8])).ExpectProblemAsync(HttpStatusCode.BadRequest);
    }
}
