using Runner.Domain.Mapping;

namespace Runner.Tests.Mapping;

public class PortAppConfigCompilerTests
{
    [Test]
    public void Compile_errors_name_each_broken_field()
    {
        var config = PortAppConfigParser.ParseYaml("""
            resources:
              - kind: ok
                selector: {query: 'true'}
                port: {entity: {mappings: {identifier: .id, blueprint: '"a"'}}}
              - kind: broken
                selector: {query: '.a ==== 1'}
                port:
                  itemsToParse: .items[
                  entity:
                    mappings:
                      identifier: .id
                      blueprint: '"b"'
                      properties: {url: .links | nosuch(1), fine: .x}
                      relations: {q: {combinator: and, rules: [{property: p, operator: '=', value: '.a |'}]}}
            """);

        var error = Assert.Throws<MappingValidationException>(() => PortAppConfigCompiler.Compile(config));

        Assert.That(error.Errors.Select(e => e.Path), Is.EquivalentTo(new[]
        {
            "resources[1].selector.query",
            "resources[1].port.itemsToParse",
            "resources[1].port.entity.mappings.properties.url",
            "resources[1].port.entity.mappings.relations.q.rules[0].value",
        }));
        Assert.That(error.Errors.Single(e => e.Path.EndsWith(".url", StringComparison.Ordinal)).Reason, Does.Contain("nosuch/1 is not defined"));
        Assert.That(error.Message, Does.Contain("resources[1].selector.query: ").And.Contain("syntax error"));
    }

    [Test]
    public void Field_that_breaks_out_of_its_parentheses_cannot_smuggle_a_different_shape()
    {
        var config = PortAppConfigParser.ParseYaml("""
            resources:
              - kind: sneaky
                selector: {query: 'true'}
                port: {entity: {mappings: {identifier: '.id)) | {hacked: 1} | ((.', blueprint: '"a"'}}}
            """);
        var compiled = PortAppConfigCompiler.Compile(config);

        var result = compiled.Resources.Single().Map("""{"id":"x"}"""u8);

        Assert.That(result.Error, Is.EqualTo("resources[0].port.entity.mappings.identifier: must yield text, not object"));
    }

    [Test]
    public void Comment_at_the_end_of_a_field_stays_inside_it()
    {
        var config = PortAppConfigParser.ParseYaml("""
            resources:
              - kind: commented
                selector: {query: 'true # keep everything'}
                port: {entity: {mappings: {identifier: '.id # the id', blueprint: '"a"'}}}
            """);
        var compiled = PortAppConfigCompiler.Compile(config);

        Assert.That(compiled.Resources.Single().Map("""{"id":"x"}"""u8).Entities.Single().Identifier, Is.EqualTo("x"));
    }
}
