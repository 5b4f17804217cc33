using System.Text;
using System.Text.Json.Nodes;
using Runner.Domain.Common;
using Runner.Domain.Mapping;

namespace Runner.Tests.Mapping;

/// <summary>
/// Mappings built to crash or exhaust the process are refused with a reason naming the limit; before these
/// limits, deep nesting overflowed the stack (killing the process) and an alias bomb grew without bound.
/// </summary>
public sealed class HostileMappingTests
{
    private static MappingValidationError Refused(string text) =>
        Assert.Throws<MappingValidationException>(() => PortAppConfigParser.ParseYaml(text))!.Errors.Single();

    [Test]
    public void A_hundred_thousand_nested_flow_lists_are_refused_at_the_depth_limit()
    {
        var error = Refused(new string('[', 100_000));

        Assert.That(error.ToString(), Does.StartWith($"(document): nests deeper than {InputLimits.MaxDepth} levels (line 1, column {InputLimits.MaxDepth + 1})"));
    }

    [Test]
    public void A_hundred_thousand_nested_block_lists_are_refused_at_the_depth_limit()
    {
        var error = Refused(string.Concat(Enumerable.Repeat("- ", 100_000)) + "x");

        Assert.That(error.Reason, Does.StartWith($"nests deeper than {InputLimits.MaxDepth} levels"));
    }

    [Test]
    public void A_thousand_deep_json_object_is_refused_at_the_depth_limit()
    {
        var json = string.Concat(Enumerable.Repeat("{\"a\":", 1000)) + "1" + new string('}', 1000);

        Assert.That(Refused(json).Reason, Does.StartWith($"nests deeper than {InputLimits.MaxDepth} levels"));
        Assert.That(Assert.Throws<MappingValidationException>(() => PortAppConfigParser.ParseJson(json))!.Errors.Single().Path, Is.EqualTo("(document)"));
    }

    [Test]
    public void Nesting_up_to_the_limit_is_read()
    {
        var yaml = "resources: []\noptions: " + new string('[', InputLimits.MaxDepth - 1) + new string(']', InputLimits.MaxDepth - 1);

        var config = PortAppConfigParser.ParseYaml(yaml);

        Assert.That(config.Options["options"].GetArrayLength(), Is.EqualTo(1));
    }

    [Test]
    public void A_nine_by_nine_alias_bomb_is_refused_before_it_is_expanded()
    {
        var yaml = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x]\n");
        for (var i = 1; i <= 9; i++)
        {
            yaml.Append($"a{i}: &a{i} [{string.Join(", ", Enumerable.Repeat($"*a{i - 1}", 9))}]\n");
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        var error = Refused(yaml.ToString());

        Assert.That(error.ToString(), Does.StartWith($"(document): holds more than {InputLimits.MaxMappingNodes} values (aliases expanded)"));
        Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.LessThan(200L * 1024 * 1024), "allocated while refusing");
    }

    [Test]
    public void Aliases_within_the_limit_are_expanded()
    {
        var config = PortAppConfigParser.ParseYaml("resources: []\nshared: &s {branch: main}\ncopy: *s\n");

        Assert.That(JsonNode.DeepEquals(JsonNode.Parse(config.Options["copy"].GetRawText()), JsonNode.Parse("""{"branch":"main"}""")), Is.True);
    }

    [Test]
    public void An_alias_that_names_no_anchor_is_invalid_yaml()
    {
        Assert.That(Refused("resources: *nowhere").Reason, Does.StartWith("is not valid YAML at line 1"));
    }

    [Test]
    public void A_number_out_of_range_is_invalid_yaml_naming_it()
    {
        var error = Refused("""{"resources": [], "entityDeletionThreshold": 1e400}""");

        Assert.That(error.ToString(), Does.StartWith("(document): is not valid YAML at line 1").And.Contain("1e400 is out of range"));
    }

    [Test]
    public void A_jq_expression_written_as_an_out_of_range_number_is_refused()
    {
        var error = Refused("resources:\n  - kind: project\n    selector: {query: 1e400}\n");

        Assert.That(error.Reason, Does.Contain("1e400 is out of range"));
    }

    [TestCase("\t\t: : :\n- - [")]
    [TestCase("a: [1, 2\nb: }")]
    [TestCase("? [complex, key]\n: value")]
    [TestCase("a: 1\na: 2")]
    public void Malformed_yaml_is_invalid_yaml(string yaml)
    {
        var error = Refused(yaml);

        Assert.That(error.Path, Is.EqualTo("(document)"));
        Assert.That(error.Reason, Does.StartWith("is not valid YAML at line"));
    }

    [Test]
    public void A_mapping_longer_than_the_limit_is_refused_before_it_is_parsed()
    {
        var text = "resources: []\n#" + new string('x', InputLimits.MaxMappingCharacters);

        Assert.That(Refused(text).ToString(), Is.EqualTo($"(document): is longer than {InputLimits.MaxMappingCharacters} characters"));
    }
}
