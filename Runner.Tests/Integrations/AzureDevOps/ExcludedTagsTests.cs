using Runner.Tests.Sandbox;
using Runner.Tools.AdoSandbox;

namespace Runner.Tests.Integrations.AzureDevOps;

public sealed class ExcludedTagsTests
{
    [Test]
    public async Task Projects_with_an_excluded_tag_and_their_resources_are_left_out()
    {
        var org = OrganizationCrawlTests.SmallOrg();
        org.Projects = 8;
        await using var harness = await AdoClientHarness.StartAsync(org);
        var tagged = await ProjectsTaggedAsync(harness.Sandbox, "legacy");
        Assume.That(tagged, Is.Not.Empty.And.Count.LessThan(8), "the seed gives some, not all, projects the tag");
        using var session = harness.Open(excludedTags: ["LEGACY"]);

        var projects = await AdoClientHarness.FetchAllAsync(session, "project");
        var repositories = await AdoClientHarness.FetchAllAsync(session, "repository");
        var teams = await AdoClientHarness.FetchAllAsync(session, "team");
        var workItems = await AdoClientHarness.FetchAllAsync(session, "work-item");

        Assert.Multiple(() =>
        {
            Assert.That(projects.Select(p => p.GetProperty("id").GetString()), Has.None.AnyOf(tagged.ToArray()));
            Assert.That(projects, Has.Count.EqualTo(8 - tagged.Count));
            Assert.That(repositories.Select(r => r.GetProperty("project").GetProperty("id").GetString()), Has.None.AnyOf(tagged.ToArray()));
            Assert.That(teams.Select(t => t.GetProperty("projectId").GetString()), Has.None.AnyOf(tagged.ToArray()));
            Assert.That(workItems.Select(w => w.GetProperty("__projectId").GetString()), Has.None.AnyOf(tagged.ToArray()));
            Assert.That(repositories, Has.Count.EqualTo((8 - tagged.Count) * org.ReposPerProject));
        });
    }

    private static async Task<List<string>> ProjectsTaggedAsync(AdoSandboxHost sandbox, string tag)
    {
        using var client = new SandboxClient(sandbox);
        var tagged = new List<string>();
        foreach (var project in await client.ContinuationAsync("_apis/projects?api-version=7.1"))
        {
            var id = project.GetProperty("id").GetString()!;
            var properties = await client.GetJsonAsync($"_apis/projects/{id}/properties?api-version=7.1-preview.1");
            if (properties.GetProperty("value").EnumerateArray().Any(p => p.GetProperty("name").GetString()!.EndsWith("." + tag, StringComparison.Ordinal)))
            {
                tagged.Add(id);
            }
        }
        return tagged;
    }
}
