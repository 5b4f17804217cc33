using System.Text.Json;
using Runner.Domain.Integrations.AzureDevOps;
using Runner.Tests.Sandbox;

namespace Runner.Tests.Integrations.AzureDevOps;

/// <summary>Every kind against a sandbox whose lists page by 2, compared with the sandbox's own counts.</summary>
public sealed class KindFetchTests
{
    private static readonly Dictionary<string, object> Selectors = new()
    {
        ["pull-request"] = new { minTimeInDays = 36500, maxResults = 1000 },
    };

    [TestCase(0.0)]
    [TestCase(0.3)]
    public async Task Every_kind_arrives_with_the_expected_count(double deletedFraction)
    {
        await using var harness = await AdoClientHarness.StartAsync(OrganizationCrawlTests.SmallOrg(deletedFraction));
        using var session = harness.Open(o => o.PageSize = 2);
        var expected = harness.Sandbox.ExpectedCounts();

        foreach (var kind in AzureDevOpsIntegration.Kinds)
        {
            var selector = Selectors.TryGetValue(kind, out var options) ? AdoClientHarness.Selector(options) : null;
            var items = await AdoClientHarness.FetchAllAsync(session, kind, selector);
            Assert.That(items, Has.Count.EqualTo(expected[kind]), kind);
            Assert.That(session.IsComplete(kind), Is.True, $"{kind}: {string.Join("; ", session.Problems.For(kind))}");
        }
        // The sandbox serves more kinds than the client fetches so far; the total covers the fetched ones.
        Assert.That(session.Counters.Objects, Is.EqualTo(AzureDevOpsIntegration.Kinds.Sum(kind => expected[kind])));
    }

    [Test]
    public async Task Objects_carry_the_context_fields_mappings_use()
    {
        await using var harness = await AdoClientHarness.StartAsync(OrganizationCrawlTests.SmallOrg());
        using var session = harness.Open(o => o.PageSize = 2);
        string[] Fields(string kind, object? selector = null) =>
            [.. AdoClientHarness.FetchAllAsync(session, kind, selector is null ? null : AdoClientHarness.Selector(selector)).Result[0]
                .EnumerateObject().Select(p => p.Name).Where(name => name.StartsWith("__", StringComparison.Ordinal))];

        Assert.Multiple(() =>
        {
            Assert.That(Fields("member"), Is.EquivalentTo(new[] { "__teamId" }));
            Assert.That(Fields("team", new { includeMembers = true }), Is.EquivalentTo(new[] { "__members" }));
            Assert.That(Fields("repository", new { includedFiles = new[] { "README.md", "CODEOWNERS" } }), Is.EquivalentTo(new[] { "__includedFiles" }));
            Assert.That(Fields("branch"), Is.EquivalentTo(new[] { "__repository" }));
            Assert.That(Fields("repository-policy"), Is.EquivalentTo(new[] { "__repository" }));
            Assert.That(Fields("pipeline"), Is.EquivalentTo(new[] { "__projectId" }));
            Assert.That(Fields("pipeline-run"), Is.EquivalentTo(new[] { "__project", "__pipeline" }));
            Assert.That(Fields("build"), Is.EquivalentTo(new[] { "__project" }));
            Assert.That(Fields("release"), Is.EquivalentTo(new[] { "__project" }));
            Assert.That(Fields("release-definition"), Is.EquivalentTo(new[] { "__project" }));
            Assert.That(Fields("work-item"), Is.EquivalentTo(new[] { "__projectId", "__project" }));
            Assert.That(Fields("board"), Is.EquivalentTo(new[] { "__project" }));
            Assert.That(Fields("column"), Is.EquivalentTo(new[] { "__board", "__stateType", "__stateName" }));
            Assert.That(Fields("iteration"), Is.EquivalentTo(new[] { "__project", "__team" }));
        });
    }

    [Test]
    public async Task Column_board_carries_its_project_and_default_team_comes_with_projects()
    {
        await using var harness = await AdoClientHarness.StartAsync(OrganizationCrawlTests.SmallOrg());
        using var session = harness.Open();
        var column = (await AdoClientHarness.FetchAllAsync(session, "column"))[0];
        var project = (await AdoClientHarness.FetchAllAsync(session, "project", AdoClientHarness.Selector(new { defaultTeam = "true" })))[0];
        var repository = (await AdoClientHarness.FetchAllAsync(session, "repository", AdoClientHarness.Selector(new { includedFiles = new[] { "README.md", "missing.txt" } })))[0];

        Assert.Multiple(() =>
        {
            Assert.That(column.GetProperty("__board").GetProperty("__project").GetProperty("id").GetString(), Is.Not.Empty);
            Assert.That(column.GetProperty("__stateType").ValueKind, Is.EqualTo(JsonValueKind.String));
            Assert.That(project.GetProperty("defaultTeam").GetProperty("name").GetString(), Is.Not.Empty);
            Assert.That(repository.GetProperty("__includedFiles").GetProperty("README.md").GetString(), Is.Not.Empty);
            Assert.That(repository.GetProperty("__includedFiles").GetProperty("missing.txt").ValueKind, Is.EqualTo(JsonValueKind.Null));
        });
    }
}
