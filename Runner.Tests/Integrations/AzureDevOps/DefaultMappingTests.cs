using System.Text.Json;
using System.Text.Json.Nodes;
using Runner.Domain.Integrations.AzureDevOps;
using Runner.Domain.Integrations.AzureDevOps.Defaults;
using Runner.Domain.Mapping;

namespace Runner.Tests.Integrations.AzureDevOps;

/// <summary>The default mapping and blueprints must agree with each other and with our jq engine.</summary>
public class DefaultMappingTests
{
    private static readonly PortAppConfig Config = PortAppConfigParser.ParseYaml(AzureDevOpsDefaults.PortAppConfigYaml);

    private static readonly Dictionary<string, JsonObject> Blueprints =
        AzureDevOpsDefaults.Blueprints.ToDictionary(b => b["identifier"]!.GetValue<string>());

    [Test]
    public void Mapping_keeps_the_deletion_and_relation_settings()
    {
        Assert.That(Config.DeleteDependentEntities, Is.True);
        Assert.That(Config.CreateMissingRelatedEntities, Is.True);
        Assert.That(Config.EntityDeletionThreshold, Is.EqualTo(0.9));
        Assert.That(Config.Resources.Where(r => r.Kind != "repository-policy").Select(r => r.Selector.Query), Has.All.EqualTo("true"));
    }

    [Test]
    public void Mapping_has_one_resource_per_kind_and_the_two_policies_merged_into_the_repository()
    {
        Assert.That(Config.Resources.Select(r => r.Kind).Distinct(), Is.EquivalentTo(AzureDevOpsIntegration.Kinds));
        var policies = Config.Resources.Where(r => r.Kind == "repository-policy").ToList();
        Assert.That(policies, Has.Count.EqualTo(3));
        Assert.That(policies.Skip(1).Select(BlueprintOf), Has.All.EqualTo("azureDevopsRepository"));
        Assert.That(Config.Resources.Where(r => r.Kind != "repository-policy").Select(r => r.Kind), Is.Unique);
    }

    [Test]
    public void Mapping_passes_its_own_kind_and_selector_option_check()
    {
        Assert.DoesNotThrow(() => MappingKinds.Check(Config, AzureDevOpsIntegration.Definition));
    }

    [Test]
    public void Mapping_compiles_with_our_engine()
    {
        var compiled = PortAppConfigCompiler.Compile(Config);

        Assert.That(compiled.Resources, Has.Count.EqualTo(31));
    }

    [Test]
    public void Blueprints_have_unique_identifiers_and_every_one_is_used()
    {
        var used = Config.Resources.Select(BlueprintOf).ToHashSet();

        Assert.That(AzureDevOpsDefaults.Blueprints.Select(b => b["identifier"]!.GetValue<string>()), Is.Unique);
        Assert.That(Blueprints.Keys, Is.EquivalentTo(used));
    }

    [Test]
    public void Every_relation_the_mapping_emits_is_declared_with_an_existing_target()
    {
        foreach (var resource in Config.Resources)
        {
            var relations = Blueprints[BlueprintOf(resource)]["relations"]!.AsObject();
            foreach (var name in resource.Mappings.Relations.Keys)
            {
                Assert.That(relations[name]?["target"]?.GetValue<string>(), Is.AnyOf([.. Blueprints.Keys]),
                    $"{resource.Kind}: relation {name}");
            }
        }
    }

    [Test]
    public void Every_property_the_mapping_emits_is_declared_in_the_schema()
    {
        foreach (var resource in Config.Resources)
        {
            var declared = Blueprints[BlueprintOf(resource)]["schema"]!["properties"]!.AsObject().Select(p => p.Key);
            Assert.That(resource.Mappings.Properties.Keys, Is.SubsetOf(declared), resource.Kind);
        }
    }

    [Test]
    public void Every_declared_relation_is_mapped_so_required_ones_are_never_left_empty()
    {
        // The merged policy resources only add properties to the repository entity.
        foreach (var resource in Config.Resources.Where(r => r.Mappings.Title is not null))
        {
            var declared = Blueprints[BlueprintOf(resource)]["relations"]!.AsObject().Select(r => r.Key);
            Assert.That(declared, Is.EquivalentTo(resource.Mappings.Relations.Keys), resource.Kind);
        }
    }

    [TestCase("azureDevopsBranch", "repository")]
    [TestCase("azureDevopsPullRequest", "repository")]
    [TestCase("azureDevopsColumn", "board")]
    [TestCase("azureDevopsWorkItem", "project")]
    public void Children_require_their_parent_so_deleting_it_removes_them(string blueprint, string relation)
    {
        Assert.That(Blueprints[blueprint]["relations"]![relation]!["required"]!.GetValue<bool>(), Is.True);
    }

    [TestCase("azureDevopsBuild", "pipeline")]
    [TestCase("azureDevopsMember", "user")]
    public void Relations_to_parents_that_may_be_gone_are_optional(string blueprint, string relation)
    {
        Assert.That(Blueprints[blueprint]["relations"]![relation]!["required"]!.GetValue<bool>(), Is.False);
    }

    // Every default blueprint expression is a jq string literal, which is also a JSON string.
    private static string BlueprintOf(ResourceConfig resource) => JsonSerializer.Deserialize<string>(resource.Mappings.Blueprint)!;
}
