using Runner.Domain.Jq;
using Runner.Tests.Mapping;
using YamlDotNet.RepresentationModel;

namespace Runner.Tests.Jq;

/// <summary>Every <c>example</c> of jq 1.7.1's manual (../shared/reference/jq-1.7.1/manual.yml) on the native engine.</summary>
public class JqManualExamplesTests
{
    [Test]
    public void Every_manual_example_gives_the_manual_outputs()
    {
        var manual = Path.Combine(SharedReference.Root(TestContext.CurrentContext.TestDirectory), "reference", "jq-1.7.1", "manual.yml");
        var yaml = new YamlStream();
        using (var reader = File.OpenText(manual))
        {
            yaml.Load(reader);
        }

        var examples = new List<(string Program, string Input, List<string> Outputs)>();
        Collect(yaml.Documents[0].RootNode, examples);
        // The manual's $ENV examples assume PAGER=less.
        var environment = JqJson.Parse("""{"PAGER":"less"}""");
        var failures = new List<string>();
        foreach (var (program, input, outputs) in examples)
        {
            try
            {
                var actual = JqProgram.Compile(program).Evaluate(JqJson.Parse(input), new JqRunOptions { Environment = environment });
                var expected = outputs.Select(JqJson.Parse).ToList();
                if (actual.Count != expected.Count || actual.Zip(expected).Any(p => !JqCompare.AreEqual(p.First, p.Second)))
                {
                    failures.Add($"{program} on {input}: expected {string.Join(", ", outputs)}, got {string.Join(", ", actual.Select(JqJson.Serialize))}");
                }
            }
            catch (Exception e) when (e is JqException or JqCompileException or JqBudgetException)
            {
                failures.Add($"{program} on {input}: {e.Message}");
            }
        }

        Assert.That(examples, Has.Count.GreaterThan(200), "the manual's examples were not found");
        Assert.That(failures, Is.Empty);
    }

    private static void Collect(YamlNode node, List<(string, string, List<string>)> examples)
    {
        switch (node)
        {
            case YamlMappingNode map:
                if (map.Children.TryGetValue(new YamlScalarNode("examples"), out var list) && list is YamlSequenceNode sequence)
                {
                    foreach (var example in sequence.Children.OfType<YamlMappingNode>())
                    {
                        var program = ((YamlScalarNode)example["program"]).Value!;
                        var input = ((YamlScalarNode)example["input"]).Value!;
                        var outputs = ((YamlSequenceNode)example["output"]).Children.Select(o => ((YamlScalarNode)o).Value!).ToList();
                        examples.Add((program, input, outputs));
                    }
                }

                foreach (var child in map.Children.Values)
                {
                    Collect(child, examples);
                }

                break;
            case YamlSequenceNode seq:
                foreach (var child in seq.Children)
                {
                    Collect(child, examples);
                }

                break;
        }
    }
}
