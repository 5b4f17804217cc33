using System.Text;
using Runner.Domain.Jq;
using LibJq = Runner.Tests.Oracle.LibJqProgram;

namespace Runner.Tests.Jq;

/// <summary>
/// The language cases (every syntax form and builtin, errors through <c>try … catch .</c>, ordering, number
/// text) through the native engine against jq 1.7.1's answers, and, where jq 1.6 answers the same, live
/// against libjq as well.
/// </summary>
public class JqLanguageTests
{
    private static IEnumerable<JqCase> Cases() => JqCaseFile.Read("language.jqtest");

    [TestCaseSource(nameof(Cases))]
    public void Native_engine_gives_jq_1_7_1_outputs(JqCase c)
    {
        var outputs = Native(c.Program, c.Input);

        Assert.That(outputs, Is.EqualTo(c.Outputs), c.ToString());
    }

    [TestCaseSource(nameof(Cases))]
    public void Libjq_1_6_agrees_where_the_versions_agree(JqCase c)
    {
        if (c.Only171 is { } reason)
        {
            Assert.Ignore($"jq 1.6 differs from 1.7.1 here: {reason}");
        }

        using var program = LibJq.Compile(c.Program);
        var result = program.Evaluate(Encoding.UTF8.GetBytes(c.Input));

        Assert.That(result.Error, Is.Null, c.ToString());
        Assert.That(result.Outputs.Select(o => Encoding.UTF8.GetString(o)), Is.EqualTo(c.Outputs), c.ToString());
    }

    internal static List<string> Native(string program, string input)
    {
        var compiled = JqProgram.Compile(program);
        return [.. compiled.Evaluate(JqJson.Parse(input)).Select(JqJson.Serialize)];
    }
}
