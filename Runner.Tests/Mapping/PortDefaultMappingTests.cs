using System.Text.Json;
using Runner.Domain.Mapping;
using Runner.Tests.Infrastructure;

namespace Runner.Tests.Mapping;

/// <summary>Port's own default Azure DevOps mapping must be accepted as it ships.</summary>
public class PortDefaultMappingTests
{
    private static PortAppConfig Parse() => PortAppConfigParser.ParseYaml(File.ReadAllText(SharedReference.OceanData("port-app-config.yaml")));

    [Test]
    public void Default_mapping_parses_with_its_settings_and_selector_options()
    {
        var config = Parse();

        Assert.That(config.DeleteDependentEntities, Is.True);
        Assert.That(config.CreateMissingRelatedEntities, Is.True);
        Assert.That(config.EntityDeletionThreshold, Is.EqualTo(0.9));
        Assert.That(config.Options["useDefaultBranch"].GetBoolean(), Is.True);
        Assert.That(config.Resources.Select(r => r.Kind), Is.EqualTo(new[]
        {
            "project", "repository", "repository-policy", "repository-policy", "board", "work-item", "column", "release",
        }));
        Assert.That(config.Resources[0].Selector.Options["defaultTeam"].GetString(), Is.EqualTo("true"));
        Assert.That(config.Resources[1].Selector.Options["includedFiles"].EnumerateArray().Select(f => f.GetString()), Is.EqualTo(new[] { "README.md", "CODEOWNERS" }));
        Assert.That(config.Resources[5].Selector.Options["wiql"].GetString(), Does.StartWith("[System.State] NOT IN"));
        Assert.That(config.Resources[5].Mappings.Properties["description"], Is.EqualTo(".fields.\"System.Description\" // ''"));
        Assert.That(config.Resources[1].Mappings.Relations["project"].Expression, Is.EqualTo(".project.id | gsub(\" \"; \"\")"));
    }

    [Test]
    public void Every_resource_of_the_default_mapping_compiles()
    {
        var compiled = PortAppConfigCompiler.Compile(Parse());

        Assert.That(compiled.Resources, Has.Count.EqualTo(8));
        Assert.That(compiled.Resources.Select(r => r.Program.Text), Has.All.Contains("__field("));
    }

    [TestCase("a.json")]
    [TestCase("b.json")]
    [TestCase("c.json")]
    [TestCase("d.json")]
    public void Project_samples_map_to_project_entities(string sample)
    {
        var compiled = PortAppConfigCompiler.Compile(Parse());
        using var raw = JsonDocument.Parse(File.ReadAllBytes(SharedReference.OceanData($"port-examples/project/{sample}")));

        var result = compiled.Resources[0].Map(raw.RootElement);

        Assert.That(result.Error, Is.Null);
        var entity = result.Entities.Single();
        var project = raw.RootElement;
        Assert.That(entity.Blueprint, Is.EqualTo("azureDevopsProject"));
        Assert.That(entity.Identifier, Is.EqualTo(project.GetProperty("id").GetString()!.Replace(" ", "")));
        Assert.That(entity.Title, Is.EqualTo(project.GetProperty("name").GetString()));
        Assert.That(entity.Properties.Json().GetProperty("state").GetString(), Is.EqualTo(project.GetProperty("state").GetString()));
        Assert.That(entity.Properties.Json().GetProperty("link").GetString(), Is.EqualTo(project.GetProperty("url").GetString()!.Replace("_apis/projects/", "")));
        Assert.That(entity.Properties.Json().GetProperty("defaultTeam").GetString(), Is.EqualTo(project.GetProperty("defaultTeam").GetProperty("name").GetString()));
    }

    [TestCase("a.json")]
    [TestCase("e.json")]
    public void Repository_samples_map_included_files_and_project_relation(string sample)
    {
        var compiled = PortAppConfigCompiler.Compile(Parse());
        using var raw = JsonDocument.Parse(File.ReadAllBytes(SharedReference.OceanData($"port-examples/repository/{sample}")));
        var repository = raw.RootElement;

        var entity = compiled.Resources[1].Map(repository).Entities.Single();

        Assert.That(entity.Identifier, Is.EqualTo(repository.GetProperty("id").GetString()));
        Assert.That(entity.Properties.Json().GetProperty("url").GetString(), Is.EqualTo(repository.GetProperty("remoteUrl").GetString()));
        Assert.That(JsonElement.DeepEquals(entity.Properties.Json().GetProperty("readme"), Included(repository, "README.md")), Is.True);
        Assert.That(entity.Relations.Json().GetProperty("project").GetString(), Is.EqualTo(repository.GetProperty("project").GetProperty("id").GetString()));
    }

    [Test]
    public void Work_item_without_description_gets_the_single_quoted_default()
    {
        var compiled = PortAppConfigCompiler.Compile(Parse());

        var result = compiled.Resources[5].Map("""
            {"id": 7, "url": "u", "__projectId": "p 1", "__project": {"id": "p 1"},
             "fields": {"System.Title": "T", "System.WorkItemType": "Bug", "System.BoardColumn": "To Do"}}
            """u8);

        var entity = result.Entities.Single();
        Assert.That(entity.Identifier, Is.EqualTo("p1/7"));
        Assert.That(entity.Properties.Json().GetProperty("description").GetString(), Is.EqualTo(""));
        Assert.That(entity.Properties.Json().GetProperty("effort").GetInt32(), Is.EqualTo(-1));
        Assert.That(entity.Relations.Json().GetProperty("column").GetString(), Is.EqualTo("Bug-ToDo-p1"));
    }

    private static JsonElement Included(JsonElement repository, string file) =>
        repository.TryGetProperty("__includedFiles", out var files) && files.TryGetProperty(file, out var content)
            ? content
            : JsonSerializer.SerializeToElement<object?>(null);
}
