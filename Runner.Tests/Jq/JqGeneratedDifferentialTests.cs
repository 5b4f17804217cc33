using System.Text;
using Runner.Domain.Jq;
using LibJq = Runner.Tests.Oracle.LibJqProgram;

namespace Runner.Tests.Jq;

/// <summary>
/// Thousands of generated Port-style expressions and inputs, native engine against libjq, per run. The seed
/// is fixed (reproducible) unless JQ_DIFF_SEED gives another; every failure names it.
/// </summary>
public class JqGeneratedDifferentialTests
{
    private const int Expressions = 400;
    private const int InputsPerExpression = 8;

    [Test]
    public void Generated_mappings_map_generated_objects_as_libjq_does()
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("JQ_DIFF_SEED"), out var s) ? s : 20261201;
        var generator = new PortStyleGenerator(seed);
        var inputs = Enumerable.Range(0, 64).Select(_ => generator.Json()).ToArray();
        var failures = new List<string>();
        var cases = 0;
        for (var i = 0; i < Expressions; i++)
        {
            var expression = generator.Expression();
            var native = JqProgram.Compile(expression);
            using var oracle = LibJq.Compile(expression);
            for (var j = 0; j < InputsPerExpression; j++)
            {
                var input = inputs[(i * InputsPerExpression + j) % inputs.Length];
                cases++;
                var expected = oracle.Evaluate(Encoding.UTF8.GetBytes(input));
                var (outputs, error) = Run(native, input);
                var same = expected.Error is null
                    ? error is null && outputs.SequenceEqual(expected.Outputs.Select(o => Encoding.UTF8.GetString(o)))
                    : error is not null && outputs.SequenceEqual(expected.Outputs.Select(o => Encoding.UTF8.GetString(o)));
                if (!same && failures.Count < 20)
                {
                    failures.Add($"seed {seed}, expression #{i}: {expression}\n  input: {input}\n  libjq: [{string.Join(", ", expected.Outputs.Select(o => Encoding.UTF8.GetString(o)))}] {expected.Error}\n  native: [{string.Join(", ", outputs)}] {error}");
                }
            }
        }

        Assert.That(cases, Is.GreaterThanOrEqualTo(3000));
        Assert.That(failures, Is.Empty, $"seed {seed}");
    }

    private static (List<string> Outputs, string? Error) Run(JqProgram program, string input)
    {
        var outputs = new List<string>();
        try
        {
            program.Run(JqJson.Parse(input), v =>
            {
                outputs.Add(JqJson.Serialize(v));
                return true;
            });
            return (outputs, null);
        }
        catch (JqException e)
        {
            return (outputs, e.Message);
        }
    }
}
