using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Runner.Domain.Mapping.Jq;

namespace Runner.Tests.Mapping.Jq;

public class JqProgramTests
{
    [Test]
    public void Evaluate_returns_every_output_as_compact_json()
    {
        using var program = JqProgram.Compile(".items[] | {n: .name, twice: (.v * 2)}");

        var result = program.Evaluate("""{"items":[{"name":"a","v":1.5},{"name":"b","v":2}]}"""u8);

        Assert.That(result.Error, Is.Null);
        Assert.That(Texts(result), Is.EqualTo(new[] { """{"n":"a","twice":3}""", """{"n":"b","twice":4}""" }));
    }

    [Test]
    public void Strings_keep_unicode_and_embedded_nul()
    {
        using var program = JqProgram.Compile(".s + \"\\u0000é\"");

        var result = program.Evaluate("""{"s":"日本"}"""u8);

        Assert.That(JsonSerializer.Deserialize<string>(result.Outputs.Single()), Is.EqualTo("日本\0é"));
    }

    [Test]
    public void Numbers_keep_their_shortest_form()
    {
        using var program = JqProgram.Compile("[.a, .a + 0.2, 12345678901]");

        var result = program.Evaluate("""{"a":1.1}"""u8);

        Assert.That(Texts(result).Single(), Is.EqualTo("[1.1,1.3,12345678901]"));
    }

    [Test]
    public void Compile_error_carries_jqs_message()
    {
        var error = Assert.Throws<JqCompileException>(() => JqProgram.Compile(".a | | .b"));

        Assert.That(error.JqMessage, Does.Contain("syntax error"));
        Assert.That(error.Message, Does.Contain("syntax error"));
        Assert.That(error.Program, Is.EqualTo(".a | | .b"));
    }

    [Test]
    public void Unknown_function_is_a_compile_error()
    {
        var error = Assert.Throws<JqCompileException>(() => JqProgram.Compile("nosuchfunction(1)"));

        Assert.That(error.JqMessage, Does.Contain("nosuchfunction/1 is not defined"));
    }

    [Test]
    public void Runtime_error_is_returned_not_thrown()
    {
        using var program = JqProgram.Compile(".a.b");

        var result = program.Evaluate("""{"a":"text"}"""u8);

        Assert.That(result.IsSuccess, Is.False);
        Assert.That(result.Error, Is.EqualTo("Cannot index string with string \"b\""));
    }

    [Test]
    public void Error_builtin_message_and_earlier_outputs_are_kept()
    {
        using var program = JqProgram.Compile("1, error(\"boom\"), 2");

        var result = program.Evaluate("null"u8);

        Assert.That(result.Error, Is.EqualTo("boom"));
        Assert.That(Texts(result), Is.EqualTo(new[] { "1" }));
    }

    [Test]
    public void Non_string_error_value_is_reported_as_json()
    {
        using var program = JqProgram.Compile("error({code: 7})");

        Assert.That(program.Evaluate("null"u8).Error, Does.Contain("\"code\":7"));
    }

    [Test]
    public void Invalid_input_json_is_an_error_result()
    {
        using var program = JqProgram.Compile(".");

        var result = program.Evaluate("{\"a\":"u8);

        Assert.That(result.Error, Does.StartWith("Input is not valid JSON"));
    }

    [TestCase("")]
    [TestCase("1 2")]
    public void Empty_or_several_json_values_are_not_one_input(string input)
    {
        using var program = JqProgram.Compile(".");

        Assert.That(program.Evaluate(Encoding.UTF8.GetBytes(input)).Error, Does.StartWith("Input is not valid JSON"));
    }

    [Test]
    public void State_is_reusable_after_a_runtime_error()
    {
        using var program = JqProgram.Compile(".a.b");

        _ = program.Evaluate("""{"a":1}"""u8);
        var result = program.Evaluate("""{"a":{"b":true}}"""u8);

        Assert.That(Texts(result), Is.EqualTo(new[] { "true" }));
    }

    [Test]
    public void Halt_is_reported_as_an_error()
    {
        using var program = JqProgram.Compile("halt");

        Assert.That(program.Evaluate("null"u8).Error, Is.EqualTo("The program halted."));
    }

    [Test]
    public void JsonElement_and_JsonNode_inputs_give_the_same_result()
    {
        using var program = JqProgram.Compile(".x");
        using var document = JsonDocument.Parse("""{"x":[1,"two"]}""");

        var fromElement = program.Evaluate(document.RootElement);
        var fromNode = program.Evaluate(JsonNode.Parse("""{"x":[1,"two"]}"""));

        Assert.That(Texts(fromElement), Is.EqualTo(new[] { """[1,"two"]""" }));
        Assert.That(Texts(fromNode), Is.EqualTo(Texts(fromElement)));
    }

    [Test]
    public void Null_node_is_json_null()
    {
        using var program = JqProgram.Compile("type");

        Assert.That(Texts(program.Evaluate((JsonNode?)null)), Is.EqualTo(new[] { "\"null\"" }));
    }

    [Test]
    public void Evaluate_after_dispose_throws()
    {
        var program = JqProgram.Compile(".");
        program.Dispose();

        Assert.Throws<ObjectDisposedException>(() => program.Evaluate("1"u8));
    }

    private static string[] Texts(JqResult result) => [.. result.Outputs.Select(o => Encoding.UTF8.GetString(o))];
}
