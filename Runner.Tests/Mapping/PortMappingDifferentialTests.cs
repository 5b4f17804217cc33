using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Runner.Domain.Integrations.AzureDevOps.Defaults;
using Runner.Domain.Jq;
using Runner.Domain.Mapping;
using Runner.Tests.Oracle;

namespace Runner.Tests.Mapping;

/// <summary>
/// Every resource of Runner's default mapping and of each mapping file in Port's reference data, run over every
/// object in Microsoft's example payloads and Port's example data, under the native engine and under libjq:
/// the same entity JSON, or an error from both (error wording follows jq 1.7.1, which libjq 1.6 does not).
/// Every resource meets every object, so a mapping's error paths are compared as well as its happy path.
/// </summary>
public class PortMappingDifferentialTests
{
    private static readonly string[] ReferenceMappings = ["port-app-config.yaml", "examples/example-mappings.yaml"];

    [Test]
    public void Runner_default_mapping_gives_the_same_entities_under_both_engines() =>
        AssertSameUnderBothEngines("Runner's default", AzureDevOpsDefaults.PortAppConfigYaml);

    [TestCaseSource(nameof(ReferenceMappings))]
    public void Reference_mapping_gives_the_same_entities_under_both_engines(string file) =>
        AssertSameUnderBothEngines(file, File.ReadAllText(SharedReference.OceanData(file)));

    private static void AssertSameUnderBothEngines(string name, string mappingText)
    {
        var objects = ExampleObjects();
        var compiled = PortAppConfigCompiler.Compile(PortAppConfigParser.ParseYaml(mappingText));
        var mismatches = new List<string>();
        int compared = 0, succeeded = 0;
        foreach (var resource in compiled.Resources)
        {
            using var oracle = LibJqProgram.Compile(resource.Program.Text);
            foreach (var (source, bytes) in objects)
            {
                compared++;
                var native = Native(resource.Program, bytes);
                var reference = oracle.Evaluate(bytes);
                var libjq = reference.IsSuccess && reference.Outputs.Count == 1 ? Encoding.UTF8.GetString(reference.Outputs[0]) : null;
                if (native is null && libjq is null)
                {
                    continue;
                }
                if (native is null || libjq is null || !JsonNode.DeepEquals(JsonNode.Parse(native), JsonNode.Parse(libjq)))
                {
                    mismatches.Add($"resources[{resource.Index}] ({resource.Resource.Kind}) on {source}: native {native ?? "error"}, libjq {libjq ?? reference.Error}");
                }
                else
                {
                    succeeded++;
                }
            }
        }

        TestContext.Out.WriteLine($"{name}: {compiled.Resources.Count} resources × {objects.Count} objects = {compared} evaluations, {succeeded} with entities");
        Assert.That(mismatches, Is.Empty, string.Join("\n", mismatches.Take(20)));
        Assert.That(succeeded, Is.GreaterThan(compiled.Resources.Count), "most resources should map some example object");
    }

    private static string? Native(JqProgram program, byte[] bytes)
    {
        try
        {
            var outputs = program.Evaluate(bytes);
            return outputs.Count == 1 ? JqJson.Serialize(outputs[0]) : null;
        }
        catch (JqException)
        {
            return null;
        }
    }

    /// <summary>Each listed object (items of <c>value</c>, response bodies, event resources) of every example file.</summary>
    private static List<(string Source, byte[] Json)> ExampleObjects()
    {
        var root = SharedReference.Root(TestContext.CurrentContext.TestDirectory);
        var files = Directory.GetFiles(Path.Combine(root, "reference", "azure-devops-examples"), "*.json")
            .Concat(Directory.GetFiles(Path.Combine(root, "reference", "ocean-azure-devops-data", "port-examples"), "*.json", SearchOption.AllDirectories))
            .Append(Path.Combine(root, "reference", "ocean-azure-devops-data", "examples", "example-data.json"))
            .Order(StringComparer.Ordinal);
        var objects = new List<(string, byte[])>();
        foreach (var file in files)
        {
            var document = JsonNode.Parse(File.ReadAllBytes(file).AsSpan().TrimStart("\uFEFF"u8));
            var found = new List<JsonObject>();
            Collect(document, null, found, top: true);
            objects.AddRange(found.Select((o, i) => ($"{Path.GetFileName(file)}#{i}", JsonSerializer.SerializeToUtf8Bytes(o))));
        }
        return objects;
    }

    private static void Collect(JsonNode? node, string? key, List<JsonObject> found, bool top)
    {
        switch (node)
        {
            case JsonObject o:
                if (key is "body" or "resource" || (top && !o.ContainsKey("responses")))
                {
                    found.Add(o);
                }
                foreach (var (name, child) in o)
                {
                    Collect(child, name, found, false);
                }
                break;
            case JsonArray a:
                foreach (var item in a)
                {
                    if (key == "value" || top)
                    {
                        if (item is JsonObject listed)
                        {
                            found.Add(listed);
                        }
                    }
                    Collect(item, null, found, false);
                }
                break;
        }
    }
}
