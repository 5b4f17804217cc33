using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Runner.Tests.Infrastructure;
using Runner.Tests.Mapping;
using Runner.Tools.AdoSandbox;
using static Runner.Tests.Infrastructure.ResyncHarness;

namespace Runner.Tests.Resync;

/// <summary>Compatibility with mappings tenants bring from Port: its real default file, and itemsToParse.</summary>
public sealed class PortMappingResyncTests
{
    private ResyncHarness _harness = null!;

    [OneTimeSetUp]
    public async Task Start() => _harness = await StartAsync(new SandboxOptions { Organization = "northwind" });

    [OneTimeTearDown]
    public ValueTask Stop() => _harness.DisposeAsync();

    [Test]
    public async Task Ports_own_default_mapping_is_accepted_and_fills_its_blueprints()
    {
        var (tenant, _, run) = await _harness.InstallAsync(mapping: await File.ReadAllTextAsync(SharedReference.OceanData("port-app-config.yaml")));
        var blueprints = JsonNode.Parse(await File.ReadAllTextAsync(SharedReference.OceanData("blueprints.json")))!.AsArray();
        foreach (var blueprint in blueprints)
        {
            await tenant.Admin.PutAsJsonAsync($"/api/v1/blueprints/{blueprint!["identifier"]}", blueprint).ExpectAsync(HttpStatusCode.OK);
        }

        Assert.That(run["status"]!.GetValue<string>(), Is.EqualTo("succeeded"), run.ToJsonString());
        var expected = _harness.Sandbox.ExpectedCounts();
        Assert.That(run["report"]!["kinds"]!.AsArray().Sum(k => k!["mappingErrors"]!.GetValue<long>()), Is.Zero, run["report"]!.ToJsonString());
        Assert.That(await CountEntitiesAsync(tenant.Admin, "azureDevopsProject"), Is.EqualTo(expected["project"]));
        Assert.That(await CountEntitiesAsync(tenant.Admin, "azureDevopsRepository"), Is.EqualTo(expected["repository"]));
        Assert.That(await CountEntitiesAsync(tenant.Admin, "azureDevopsWorkItem"), Is.EqualTo(expected["work-item"]));
        Assert.That(await CountEntitiesAsync(tenant.Admin, "azureDevopsRelease"), Is.EqualTo(expected["release"]));
        Assert.That(await CountEntitiesAsync(tenant.Admin, "azureDevopsBoard"), Is.GreaterThan(0));
        Assert.That(await CountEntitiesAsync(tenant.Admin, "azureDevopsColumn"), Is.GreaterThan(0));

        var repository = (await tenant.Admin.GetAsync("/api/v1/blueprints/azureDevopsRepository/entities?limit=1").ExpectAsync(HttpStatusCode.OK))["items"]![0]!;
        Assert.That(repository["relations"]!["project"]!.GetValue<string>(), Is.Not.Empty, "Port's repository → project relation");
        Assert.That(repository["properties"]!.AsObject().Select(p => p.Key), Does.Contain("minimumApproverCount").Or.Contain("workItemLinking"),
            "repository-policy resources merged into the repository entity");
    }

    [Test]
    public async Task Items_to_parse_makes_one_entity_per_element_with_the_element_as_item()
    {
        const string PerBranch = """
            resources:
              - kind: repository
                selector: {query: 'true'}
                port:
                  itemsToParse: '[.name, .defaultBranch]'
                  entity:
                    mappings:
                      identifier: '.id + ":" + .item'
                      title: .item
                      blueprint: '"repositoryLabel"'
                      properties: {repository: .name}
            """;
        var (tenant, _, run) = await _harness.InstallAsync(mapping: PerBranch);
        await tenant.Admin.PutAsJsonAsync("/api/v1/blueprints/repositoryLabel", new { title = "Repository label" }).ExpectAsync(HttpStatusCode.OK);

        var repositories = _harness.Sandbox.ExpectedCounts()["repository"];
        Assert.That(Kind(run, "repository")["upserted"]!.GetValue<long>(), Is.EqualTo(2 * repositories));
        var page = await tenant.Admin.GetAsync("/api/v1/blueprints/repositoryLabel/entities?limit=500").ExpectAsync(HttpStatusCode.OK);
        var first = page["items"]![0]!;
        Assert.That(first["identifier"]!.GetValue<string>(), Does.EndWith(":" + first["title"]!.GetValue<string>()));
    }
}
