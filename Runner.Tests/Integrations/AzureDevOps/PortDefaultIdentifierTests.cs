using Runner.Domain.Integrations;
using Runner.Domain.Integrations.AzureDevOps.Defaults;
using Runner.Domain.Integrations.AzureDevOps.Fetching;
using Runner.Domain.Mapping;
using Runner.Tests.Mapping;
using Runner.Tests.Sandbox;

namespace Runner.Tests.Integrations.AzureDevOps;

/// <summary>
/// The portal's own default mapping (Ocean's, from ../shared) and Runner's default, run over the same sandbox
/// organization: every blueprint both fill gets the same entity identifiers, so a tenant moving between them
/// keeps their catalog's identities.
/// </summary>
public sealed class PortDefaultIdentifierTests
{
    [Test]
    public async Task Runner_default_gives_the_same_identifiers_as_the_portal_default_per_blueprint()
    {
        var reference = PortAppConfigParser.ParseYaml(await File.ReadAllTextAsync(SharedReference.OceanData("port-app-config.yaml")));
        var runner = PortAppConfigParser.ParseYaml(AzureDevOpsDefaults.PortAppConfigYaml);
        await using var harness = await AdoClientHarness.StartAsync(OrganizationCrawlTests.SmallOrg());
        using var session = harness.Open();

        var theirs = await IdentifiersAsync(session, reference);
        var ours = await IdentifiersAsync(session, runner);

        Assert.That(theirs.Keys, Is.EquivalentTo(new[]
        {
            "azureDevopsProject", "azureDevopsRepository", "azureDevopsBoard", "azureDevopsWorkItem", "azureDevopsColumn", "azureDevopsRelease",
        }));
        Assert.Multiple(() =>
        {
            foreach (var (blueprint, identifiers) in theirs)
            {
                Assert.That(identifiers, Is.Not.Empty, blueprint);
                Assert.That(ours[blueprint], Is.EquivalentTo(identifiers), blueprint);
            }
        });
    }

    private static async Task<Dictionary<string, HashSet<string>>> IdentifiersAsync(AzureDevOpsFetchSession session, PortAppConfig config)
    {
        var compiled = PortAppConfigCompiler.Compile(config);
        var identifiers = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var mapper in compiled.Resources)
        {
            var request = new FetchRequest(mapper.Resource.Kind, mapper.Resource.Selector.Options, config.Options);
            await foreach (var page in session.FetchAsync(request))
            {
                foreach (var item in page.Items)
                {
                    var result = mapper.Map(item.Span);
                    Assert.That(result.Error, Is.Null, mapper.Resource.Kind);
                    foreach (var entity in result.Entities)
                    {
                        (identifiers.TryGetValue(entity.Blueprint, out var set) ? set : identifiers[entity.Blueprint] = []).Add(entity.Identifier);
                    }
                }
            }
        }
        return identifiers;
    }
}
