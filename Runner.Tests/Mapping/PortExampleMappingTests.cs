using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Runner.Domain.Jq;
using Runner.Domain.Mapping;
using Runner.Tests.Infrastructure;

namespace Runner.Tests.Mapping;

/// <summary>Ocean's example mapping, raw data and expected entities (examples/ in the shared data).</summary>
public class PortExampleMappingTests
{
    private CompiledPortAppConfig compiled = null!;

    [OneTimeSetUp]
    public void CompileExampleMapping() =>
        compiled = PortAppConfigCompiler.Compile(PortAppConfigParser.ParseYaml(File.ReadAllText(SharedReference.OceanData("examples/example-mappings.yaml"))));

    // example-data.json holds a column, a board and a release; example-output.json the entities for them.
    [TestCase(0, "column")]
    [TestCase(1, "board")]
    [TestCase(2, "release")]
    public void Sample_maps_to_the_expected_entity(int sample, string kind)
    {
        var raw = JsonNode.Parse(File.ReadAllText(SharedReference.OceanData("examples/example-data.json")))!.AsArray()[sample]!;
        var expected = JsonNode.Parse(File.ReadAllText(SharedReference.OceanData("examples/example-output.json")))!.AsArray()[sample]!;
        var mapper = compiled.Resources.First(r => r.Resource.Kind == kind);

        var entity = mapper.Map(JsonSerializer.SerializeToElement(raw)).Entities.Single();

        Assert.That(entity.Identifier, Is.EqualTo((string?)expected["identifier"]));
        Assert.That(entity.Title, Is.EqualTo((string?)expected["title"]));
        Assert.That(entity.Blueprint, Is.EqualTo((string?)expected["blueprint"]));
        Assert.That(JsonNode.DeepEquals(JsonNode.Parse(entity.Relations.Json().GetRawText()), expected["relations"]), Is.True, entity.Relations.Json().GetRawText());
        // The expected release also lists properties this mapping does not define; compare the ones it does.
        var expectedProperties = expected["properties"]?.AsObject() ?? [];
        foreach (var property in entity.Properties.Json().EnumerateObject().Where(p => expectedProperties.ContainsKey(p.Name)))
        {
            Assert.That(JsonNode.DeepEquals(JsonNode.Parse(property.Value.GetRawText()), expectedProperties[property.Name]), Is.True, property.Name);
        }

        Assert.That(entity.Properties.Json().EnumerateObject().Count(p => expectedProperties.ContainsKey(p.Name)), Is.EqualTo(expectedProperties.Count(p => mapper.Resource.Mappings.Properties.ContainsKey(p.Key))));
    }

    [TestCase("a.json")]
    [TestCase("c.json")]
    public void Environment_samples_map_without_errors(string sample)
    {
        var mapper = compiled.Resources.First(r => r.Resource.Kind == "environment");
        using var raw = JsonDocument.Parse(File.ReadAllBytes(SharedReference.OceanData($"port-examples/environment/{sample}")));

        var entity = mapper.Map(raw.RootElement).Entities.Single();

        Assert.That(entity.Identifier, Is.EqualTo(raw.RootElement.GetProperty("id").GetRawText()));
        Assert.That(entity.Blueprint, Is.EqualTo("azureDevopsEnvironment"));
        Assert.That(entity.Relations.Json().GetProperty("project").GetString(), Is.EqualTo(raw.RootElement.GetProperty("project").GetProperty("id").GetString()));
    }

    [Test]
    public void The_jq_cli_gives_the_same_output_for_the_combined_program()
    {
        var mapper = compiled.Resources.First(r => r.Resource.Kind == "release");
        var raw = File.ReadAllBytes(SharedReference.OceanData("examples/example-data.json"));
        var release = JsonSerializer.SerializeToUtf8Bytes(JsonNode.Parse(raw)!.AsArray()[2]);

        var ours = JqJson.Serialize(mapper.Program.Evaluate(release).Single());

        Assert.That(RunJqCli(mapper.Program.Text, release), Is.EqualTo(ours));
    }

    private static string RunJqCli(string program, byte[] input)
    {
        var start = new ProcessStartInfo("jq", ["-c", program]) { RedirectStandardInput = true, RedirectStandardOutput = true };
        using var jq = Process.Start(start) ?? throw new InvalidOperationException("jq did not start");
        jq.StandardInput.BaseStream.Write(input);
        jq.StandardInput.Close();
        var output = jq.StandardOutput.ReadToEnd().Trim();
        jq.WaitForExit();
        return output;
    }
}
