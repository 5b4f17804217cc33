using System.Text;
using Runner.Domain.Mapping;
using Runner.Tests.Infrastructure;

namespace Runner.Tests.Mapping;

public class ResourceMapperTests
{
    [Test]
    public void Selected_object_maps_every_field_in_one_run()
    {
        var mapper = Mapper("""
            identifier: .id
            title: .name
            blueprint: '"service"'
            team: .owners
            icon: '"Git"'
            properties: {size: .size, missing: .nope, empty: 'empty', first: '.tags[]'}
            relations: {project: .project.id}
            """);

        var result = mapper.Map("""{"id":"r1","name":"Repo","owners":["a","b"],"size":3,"tags":["x","y"],"project":{"id":"p"}}"""u8);

        Assert.That(result.Selected, Is.True);
        var entity = result.Entities.Single();
        Assert.That((entity.Blueprint, entity.Identifier, entity.Title, entity.Icon), Is.EqualTo(("service", "r1", "Repo", "Git")));
        Assert.That(entity.Team!.Value.Json().GetRawText(), Is.EqualTo("""["a","b"]"""));
        Assert.That(entity.Properties.Json().GetRawText(), Is.EqualTo("""{"size":3,"missing":null,"empty":null,"first":"x"}"""));
        Assert.That(entity.Relations.Json().GetRawText(), Is.EqualTo("""{"project":"p"}"""));
    }

    [Test]
    public void Selector_false_yields_no_entities()
    {
        var mapper = Mapper("identifier: .id\nblueprint: '\"s\"'", query: ".enabled");

        var result = mapper.Map("""{"id":"x","enabled":false}"""u8);

        Assert.That((result.IsSuccess, result.Selected, result.Entities.Count), Is.EqualTo((true, false, 0)));
    }

    [Test]
    public void Selector_that_is_not_boolean_is_an_object_error()
    {
        var mapper = Mapper("identifier: .id\nblueprint: '\"s\"'", query: ".id");

        Assert.That(mapper.Map("""{"id":"x"}"""u8).Error, Is.EqualTo("resources[0].selector.query: must yield true or false, not string"));
    }

    [Test]
    public void Runtime_error_fails_only_that_object_and_names_the_field()
    {
        var mapper = Mapper("identifier: .id\nblueprint: '\"s\"'\nproperties: {url: .links.web}");
        string[] objects = ["""{"id":"a","links":{"web":"w"}}""", """{"id":"b","links":"oops"}""", """{"id":"c"}"""];

        var results = objects.Select(o => mapper.Map(Encoding.UTF8.GetBytes(o))).ToList();

        Assert.That(results.Count(r => !r.IsSuccess), Is.EqualTo(1));
        Assert.That(results[1].Error, Is.EqualTo("resources[0].port.entity.mappings.properties.url: Cannot index string with \"web\""));
        Assert.That(results[2].Entities.Single().Properties.Json().GetRawText(), Is.EqualTo("""{"url":null}"""));
    }

    [Test]
    public void Error_builtin_in_a_field_is_reported_with_its_path()
    {
        var mapper = Mapper("identifier: .id\nblueprint: '\"s\"'\ntitle: error(\"no title\")");

        Assert.That(mapper.Map("""{"id":"a"}"""u8).Error, Is.EqualTo("resources[0].port.entity.mappings.title: no title"));
    }

    [TestCase("""{"name":"no id"}""", "resources[0].port.entity.mappings.identifier: is empty")]
    [TestCase("""{"id":42}""", "resources[0].port.entity.mappings.identifier: must yield text, not number")]
    public void Identifier_must_be_text(string raw, string error)
    {
        var mapper = Mapper("identifier: .id\nblueprint: '\"s\"'");

        Assert.That(mapper.Map(Encoding.UTF8.GetBytes(raw)).Error, Is.EqualTo(error));
    }

    [Test]
    public void Items_to_parse_makes_one_entity_per_element_with_the_original_object_available()
    {
        var mapper = Mapper(
            "identifier: .id + \"/\" + .item.name\nblueprint: '\"member\"'\nproperties: {team: .name, role: .item.role}",
            query: ".item.role != \"guest\"",
            itemsToParse: ".members");

        var result = mapper.Map("""{"id":"t1","name":"Team","members":[{"name":"ann","role":"admin"},{"name":"bob","role":"guest"},{"name":"cy","role":"dev"}]}"""u8);

        Assert.That(result.Selected, Is.True);
        Assert.That(result.Entities.Select(e => e.Identifier), Is.EqualTo(new[] { "t1/ann", "t1/cy" }));
        Assert.That(result.Entities[1].Properties.Json().GetRawText(), Is.EqualTo("""{"team":"Team","role":"dev"}"""));
    }

    [TestCase("""{"members":null}""", true, 0)]
    [TestCase("""{"members":[]}""", true, 0)]
    [TestCase("""{"members":"x"}""", false, 0)]
    public void Items_to_parse_accepts_a_missing_list_but_not_a_non_list(string raw, bool success, int entities)
    {
        var mapper = Mapper("identifier: .item\nblueprint: '\"m\"'", itemsToParse: ".members");

        var result = mapper.Map(Encoding.UTF8.GetBytes(raw));

        Assert.That((result.IsSuccess, result.Entities.Count, result.Selected), Is.EqualTo((success, entities, false)));
        Assert.That(result.Error, success ? Is.Null : Does.Contain("resources[0].port.itemsToParse: must yield a list"));
    }

    [Test]
    public void Search_query_relation_keeps_its_shape_and_evaluates_rule_values()
    {
        var mapper = Mapper("""
            identifier: .id
            blueprint: '"s"'
            relations:
              owner:
                combinator: and
                rules:
                  - {property: email, operator: '=', value: .owner.mail}
                  - {combinator: or, rules: [{property: '$title', operator: '=', value: .name}]}
            """);

        var entity = mapper.Map("""{"id":"a","name":"N","owner":{"mail":"m@x"}}"""u8).Entities.Single();

        Assert.That(entity.Relations.Json().GetRawText(), Is.EqualTo(
            """{"owner":{"combinator":"and","rules":[{"property":"email","operator":"=","value":"m@x"},{"combinator":"or","rules":[{"property":"$title","operator":"=","value":"N"}]}]}}"""));
    }

    [Test]
    public void Mapping_cannot_read_the_worker_environment()
    {
        Environment.SetEnvironmentVariable("RUNNER_MAPPING_TEST_SECRET", "s3cret");
        var mapper = Mapper("identifier: .id\nblueprint: '\"s\"'\nproperties: {a: env.RUNNER_MAPPING_TEST_SECRET, b: $ENV.RUNNER_MAPPING_TEST_SECRET}");

        Assert.That(mapper.Map("""{"id":"a"}"""u8).Entities.Single().Properties.Json().GetRawText(), Is.EqualTo("""{"a":null,"b":null}"""));
    }

    [Test]
    public void Many_threads_map_with_one_mapper()
    {
        var mapper = Mapper("identifier: .id | gsub(\" \"; \"\")\nblueprint: '\"s\"'\nproperties: {n: .n}");
        var wrong = 0;

        Parallel.For(0, 20_000, new ParallelOptions { MaxDegreeOfParallelism = 6 }, i =>
        {
            var entity = mapper.Map(Encoding.UTF8.GetBytes($$"""{"id":"a {{i}}","n":{{i}}}""")).Entities.Single();
            if (entity.Identifier != $"a{i}" || entity.Properties.Json().GetProperty("n").GetInt32() != i)
            {
                Interlocked.Increment(ref wrong);
            }
        });

        Assert.That(wrong, Is.Zero);
    }

    private static ResourceMapper Mapper(string mappings, string query = "true", string? itemsToParse = null)
    {
        var indented = string.Join("\n", mappings.Split('\n').Select(line => "          " + line));
        var yaml = $"""
            resources:
              - kind: thing
                selector:
                  query: {PortJqYaml(query)}
                port:
                  {(itemsToParse is null ? "" : $"itemsToParse: {PortJqYaml(itemsToParse)}")}
                  entity:
                    mappings:
            {indented}
            """;
        return PortAppConfigCompiler.Compile(PortAppConfigParser.ParseYaml(yaml)).Resources.Single();
    }

    private static string PortJqYaml(string jq) => "'" + jq.Replace("'", "''") + "'";
}
