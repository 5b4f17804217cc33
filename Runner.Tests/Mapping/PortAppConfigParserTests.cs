using Runner.Domain.Mapping;

namespace Runner.Tests.Mapping;

public class PortAppConfigParserTests
{
    [Test]
    public void Json_input_with_defaults()
    {
        var config = PortAppConfigParser.ParseJson("""
            {"resources": [{"kind": "project", "selector": {"query": "true", "maxResults": 50},
              "port": {"entity": {"mappings": {"identifier": ".id", "blueprint": "\"p\""}}}}]}
            """);

        Assert.That((config.DeleteDependentEntities, config.CreateMissingRelatedEntities, config.EnableMergeEntity), Is.EqualTo((true, true, true)));
        Assert.That(config.EntityDeletionThreshold, Is.EqualTo(PortAppConfig.DefaultEntityDeletionThreshold));
        var resource = config.Resources.Single();
        Assert.That(resource.Selector.Options["maxResults"].GetInt32(), Is.EqualTo(50));
        Assert.That(resource.Mappings.Properties, Is.Empty);
        Assert.That(resource.ItemsToParse, Is.Null);
    }

    [Test]
    public void Unquoted_yaml_scalars_are_accepted_as_jq_and_typed_as_options()
    {
        var config = PortAppConfigParser.ParseYaml("""
            entityDeletionThreshold: 0.5
            enableMergeEntity: false
            resources:
              - kind: work-item
                selector: {query: true, minTimeInDays: 7, includeMembers: yes, statusFilter: null}
                port: {entity: {mappings: {identifier: .id, blueprint: '"w"', properties: {n: 42}}}}
            """);

        Assert.That((config.EntityDeletionThreshold, config.EnableMergeEntity), Is.EqualTo((0.5, false)));
        var resource = config.Resources.Single();
        Assert.That(resource.Selector.Query, Is.EqualTo("true"));
        Assert.That(resource.Selector.Options["minTimeInDays"].GetInt32(), Is.EqualTo(7));
        Assert.That(resource.Selector.Options["includeMembers"].GetString(), Is.EqualTo("yes"));
        Assert.That(resource.Selector.Options["statusFilter"].ValueKind, Is.EqualTo(System.Text.Json.JsonValueKind.Null));
        Assert.That(resource.Mappings.Properties["n"], Is.EqualTo("42"));
    }

    [Test]
    public void Every_shape_problem_is_reported_with_its_path()
    {
        var error = Assert.Throws<MappingValidationException>(() => PortAppConfigParser.ParseYaml("""
            entityDeletionThreshold: 2
            resources:
              - kind: a
                selector: {query: 'true'}
                port: {entity: {mappings: {identifier: .id, blueprint: '"a"'}}}
              - selector: {}
                port: {entity: {mappings: {blueprint: '"b"', properties: {url: [1], ok: .x}, relations: {r: ''}}}}
              - kind: c
                selector: {query: 'true'}
                port: {itemsToParse: {}, entity: {mappings: {identifier: {combinator: and}, blueprint: '"c"'}}}
            """));

        Assert.That(error.Errors.Select(e => e.ToString()), Is.EquivalentTo(new[]
        {
            "entityDeletionThreshold: must be a number from 0 to 1",
            "resources[1].kind: is required",
            "resources[1].selector.query: is required",
            "resources[1].port.entity.mappings.identifier: is required",
            "resources[1].port.entity.mappings.properties.url: must be a jq expression (text), not a list",
            "resources[1].port.entity.mappings.relations.r: must not be empty",
            "resources[2].port.entity.mappings.identifier: search-query identifiers are not supported; use a jq expression",
            "resources[2].port.itemsToParse: must be a jq expression (text), not an object",
        }));
    }

    [TestCase("resources: [", "(document): is not valid YAML")]
    [TestCase("- just\n- a list", "(document): must be an object, not a list")]
    [TestCase("resources: {kind: a}", "resources: must be a list")]
    public void Malformed_documents_are_rejected(string yaml, string message)
    {
        var error = Assert.Throws<MappingValidationException>(() => PortAppConfigParser.ParseYaml(yaml));

        Assert.That(error.Errors.Single().ToString(), Does.StartWith(message));
    }

    [Test]
    public void Invalid_json_is_rejected()
    {
        var error = Assert.Throws<MappingValidationException>(() => PortAppConfigParser.ParseJson("{\"resources\": "));

        Assert.That(error.Errors.Single().Path, Is.EqualTo("(document)"));
    }
}
