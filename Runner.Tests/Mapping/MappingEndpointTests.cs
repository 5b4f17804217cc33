using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Runner.Domain.Mapping;
using Runner.Domain.Tenants;
using Runner.Tests.Infrastructure;
using Runner.Tests.Installations;

namespace Runner.Tests.Mapping;

public sealed class MappingEndpointTests : ApiTests
{
    private const string RepositoryMapping = """
        resources:
          - kind: repository
            selector:
              query: '.name != "skip-me"'
            port:
              entity:
                mappings:
                  identifier: .id
                  title: .name
                  blueprint: '"azureDevopsRepository"'
                  properties:
                    url: .remoteUrl
        """;

    private async Task<(ApiCalls.TestTenant Tenant, string InstallationId)> InstallAsync()
    {
        var tenant = await Factory.CreateTenantAsync();
        var installation = await tenant.Admin.PostAsJsonAsync("/api/v1/installations", InstallationRequests.AzureDevOps()).ExpectAsync(HttpStatusCode.Created);
        return (tenant, installation["id"]!.GetValue<string>());
    }

    private static StringContent Yaml(string text) => new(text, Encoding.UTF8, "application/yaml");

    [Test]
    public async Task A_new_installation_has_the_default_mapping_and_its_blueprints()
    {
        var (tenant, id) = await InstallAsync();
        var response = await tenant.Admin.GetAsync($"/api/v1/installations/{id}/mapping");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/yaml"));
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(text, Does.Contain("kind: project").And.Contain("kind: repository"));

        var blueprints = await tenant.Admin.GetAsync("/api/v1/blueprints").ExpectAsync(HttpStatusCode.OK);
        Assert.That(blueprints["items"]!.AsArray().Select(b => b!["identifier"]!.GetValue<string>()), Has.Member("azureDevopsProject"));
    }

    [Test]
    public async Task A_valid_mapping_is_saved_and_returned_as_sent()
    {
        var (tenant, id) = await InstallAsync();
        await tenant.Admin.PutAsync($"/api/v1/installations/{id}/mapping", Yaml(RepositoryMapping)).ExpectAsync(HttpStatusCode.NoContent);
        var text = await tenant.Admin.GetStringAsync($"/api/v1/installations/{id}/mapping");
        Assert.That(text, Is.EqualTo(RepositoryMapping));
    }

    [Test]
    public async Task A_mapping_whose_jq_does_not_compile_is_rejected_naming_the_resource_and_expression()
    {
        var (tenant, id) = await InstallAsync();
        var broken = RepositoryMapping.Replace("url: .remoteUrl", "url: .remoteUrl | nosuchfunction", StringComparison.Ordinal);
        var problem = await tenant.Admin.PutAsync($"/api/v1/installations/{id}/mapping", Yaml(broken))
            .ExpectProblemAsync(HttpStatusCode.BadRequest, "resources[0].port.entity.mappings.properties.url", "nosuchfunction/0 is not defined");
        Assert.That(problem["title"]!.GetValue<string>(), Is.EqualTo("The mapping is invalid."));
        var kept = await tenant.Admin.GetStringAsync($"/api/v1/installations/{id}/mapping");
        Assert.That(kept, Does.Contain("kind: project"), "the previous mapping is kept");
    }

    [Test]
    public async Task A_mapping_naming_an_unknown_kind_or_an_option_its_kind_lacks_is_refused_everywhere_it_is_saved()
    {
        var (tenant, id) = await InstallAsync();
        var unknownKind = RepositoryMapping.Replace("kind: repository", "kind: repo", StringComparison.Ordinal);
        var unknownOption = RepositoryMapping.Replace("query: '.name != \"skip-me\"'", "query: 'true'\n      depth: 3", StringComparison.Ordinal);
        Assert.That(unknownOption, Does.Contain("depth: 3"));

        await tenant.Admin.PutAsync($"/api/v1/installations/{id}/mapping", Yaml(unknownKind))
            .ExpectProblemAsync(HttpStatusCode.BadRequest, "resources[0].kind", "'repo' is not a kind of Azure DevOps");
        await tenant.Admin.PutAsync($"/api/v1/installations/{id}/mapping", Yaml(unknownOption))
            .ExpectProblemAsync(HttpStatusCode.BadRequest, "resources[0].selector.depth", "is not a selector option of kind 'repository' (it has includedFiles)");
        await tenant.Admin.PostAsJsonAsync($"/api/v1/installations/{id}/mapping/test", new { kind = "repository", mapping = unknownOption })
            .ExpectProblemAsync(HttpStatusCode.BadRequest, "resources[0].selector.depth");
        var body = JsonSerializer.SerializeToNode(InstallationRequests.AzureDevOps())!.AsObject();
        body["mapping"] = unknownKind;
        await tenant.Admin.PostAsJsonAsync("/api/v1/installations", body).ExpectProblemAsync(HttpStatusCode.BadRequest, "mapping.resources[0].kind");

        var withNewKindOptions = RepositoryMapping.Replace("kind: repository", "kind: area-path", StringComparison.Ordinal)
            .Replace("query: '.name != \"skip-me\"'", "query: 'true'\n      depth: 3", StringComparison.Ordinal);
        await tenant.Admin.PutAsync($"/api/v1/installations/{id}/mapping", Yaml(withNewKindOptions)).ExpectAsync(HttpStatusCode.NoContent);
    }

    [Test]
    public async Task A_mapping_that_is_not_a_port_app_config_is_rejected()
    {
        var (tenant, id) = await InstallAsync();
        await tenant.Admin.PutAsync($"/api/v1/installations/{id}/mapping", Yaml("resources: [")).ExpectProblemAsync(HttpStatusCode.BadRequest, "(document)", "is not valid YAML");
        await tenant.Admin.PutAsync($"/api/v1/installations/{id}/mapping", Yaml("")).ExpectProblemAsync(HttpStatusCode.BadRequest, "body", "must be a Port app config");
    }

    [Test]
    public async Task The_tester_shows_per_example_the_selector_the_entity_or_the_jq_error()
    {
        var (tenant, id) = await InstallAsync();
        await SeedExamplesAsync(tenant.Id, Guid.Parse(id), "repository",
            """{"id":"r1","name":"api","remoteUrl":"https://x/api"}""", """{"id":"r2","name":"skip-me"}""", """{"id":"r3","name":"web","remoteUrl":"https://x/web"}""");

        var examples = await tenant.Admin.GetAsync($"/api/v1/installations/{id}/kinds/repository/examples").ExpectAsync(HttpStatusCode.OK);
        Assert.That(examples["items"]!.AsArray(), Has.Count.EqualTo(3));

        var tested = await tenant.Admin.PostAsJsonAsync($"/api/v1/installations/{id}/mapping/test", new { kind = "repository", mapping = RepositoryMapping }).ExpectAsync(HttpStatusCode.OK);
        var outcomes = tested["examples"]!.AsArray().Select(e => e!["resources"]![0]!).ToList();
        Assert.That(outcomes[0]["selected"]!.GetValue<bool>(), Is.True);
        Assert.That(outcomes[0]["entities"]![0]!["identifier"]!.GetValue<string>(), Is.EqualTo("r1"));
        Assert.That(outcomes[0]["entities"]![0]!["properties"]!["url"]!.GetValue<string>(), Is.EqualTo("https://x/api"));
        Assert.That(outcomes[1]["selected"]!.GetValue<bool>(), Is.False);
        Assert.That(outcomes[1]["entities"]!.AsArray(), Is.Empty);

    }

    [Test]
    public async Task The_tester_reports_a_runtime_jq_error_per_example()
    {
        var (tenant, id) = await InstallAsync();
        await SeedExamplesAsync(tenant.Id, Guid.Parse(id), "repository", """{"id":"r1","name":"api","remoteUrl":42}""");
        var failing = RepositoryMapping.Replace("url: .remoteUrl", "url: .remoteUrl | ascii_downcase", StringComparison.Ordinal);
        var tested = await tenant.Admin.PostAsJsonAsync($"/api/v1/installations/{id}/mapping/test", new { kind = "repository", mapping = failing }).ExpectAsync(HttpStatusCode.OK);
        Assert.That(tested["examples"]![0]!["resources"]![0]!["error"]!.GetValue<string>(), Is.EqualTo("resources[0].port.entity.mappings.properties.url: explode input must be a string"));
    }

    [Test]
    public async Task The_tester_rejects_an_invalid_mapping_or_an_unknown_kind()
    {
        var (tenant, id) = await InstallAsync();
        await tenant.Admin.PostAsJsonAsync($"/api/v1/installations/{id}/mapping/test", new { kind = "build", mapping = RepositoryMapping })
            .ExpectProblemAsync(HttpStatusCode.BadRequest, "kind", "no resource of kind 'build'");
        await tenant.Admin.PostAsJsonAsync($"/api/v1/installations/{id}/mapping/test", new { kind = "repository", mapping = "resources: [" })
            .ExpectProblemAsync(HttpStatusCode.BadRequest, "(document)");
    }

    [Test]
    public async Task Another_tenant_cannot_read_or_change_the_mapping_or_examples()
    {
        var (_, id) = await InstallAsync();
        var other = await Factory.CreateTenantAsync("Other");
        await other.Admin.GetAsync($"/api/v1/installations/{id}/mapping").ExpectProblemAsync(HttpStatusCode.NotFound);
        await other.Admin.PutAsync($"/api/v1/installations/{id}/mapping", Yaml(RepositoryMapping)).ExpectProblemAsync(HttpStatusCode.NotFound);
        await other.Admin.GetAsync($"/api/v1/installations/{id}/kinds/repository/examples").ExpectProblemAsync(HttpStatusCode.NotFound);
        await other.Admin.PostAsJsonAsync($"/api/v1/installations/{id}/mapping/test", new { kind = "repository", mapping = RepositoryMapping }).ExpectProblemAsync(HttpStatusCode.NotFound);
    }

    [Test]
    public async Task A_member_can_read_and_test_but_not_save()
    {
        var (tenant, id) = await InstallAsync();
        using var member = await Factory.CreateMemberAsync(tenant);
        Assert.That((await member.GetAsync($"/api/v1/installations/{id}/mapping")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        await member.PutAsync($"/api/v1/installations/{id}/mapping", Yaml(RepositoryMapping)).ExpectProblemAsync(HttpStatusCode.Forbidden);
    }

    private async Task SeedExamplesAsync(Guid tenantId, Guid installationId, string kind, params string[] objects)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Set(tenantId);
        await scope.ServiceProvider.GetRequiredService<RawExamples>().ReplaceAsync(installationId, kind, objects, DateTimeOffset.UtcNow, CancellationToken.None);
    }
}
