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
        ["area-path"] = new { depth = 10 },
        ["file"] = new { files = new { path = "**" } },
        ["folder"] = new { folders = new[] { new { path = "**" } } },
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
            var skipped = session.SkippedOf(kind).Values.Sum();
            Assert.That(items.Count + skipped, Is.EqualTo(expected[kind]), kind);
            Assert.That(session.IsComplete(kind), Is.True, $"{kind}: {string.Join("; ", session.Problems.For(kind))}");
        }
        Assert.Multiple(() =>
        {
            Assert.That(AzureDevOpsIntegration.Kinds, Has.Count.EqualTo(29));
            // Each project's first repository holds a 1.2 MiB file: skipped, counted, and the kind still complete.
            Assert.That(session.SkippedOf("file"), Does.ContainKey("file larger than 1 MiB"));
            Assert.That(session.SkippedOf("file")["file larger than 1 MiB"], Is.GreaterThan(0));
        });
    }

    [Test]
    public async Task Every_object_is_stamped_with_its_organization()
    {
        await using var harness = await AdoClientHarness.StartAsync(OrganizationCrawlTests.SmallOrg());
        using var session = harness.Open();
        var items = await AdoClientHarness.FetchAllAsync(session, "project");
        var item = await AdoClientHarness.FetchAllAsync(session, "group");

        Assert.That(items.Concat(item).Select(i => i.GetProperty("__organizationUrl").GetString()), Has.All.EqualTo(harness.Sandbox.BaseUrl.TrimEnd('/')));
        Assert.That(items.Select(i => i.GetProperty("__organizationName").GetString()), Has.All.EqualTo(harness.Sandbox.Options.Organization));
    }

    [Test]
    public async Task Objects_carry_the_context_fields_mappings_use()
    {
        await using var harness = await AdoClientHarness.StartAsync(OrganizationCrawlTests.SmallOrg());
        using var session = harness.Open(o => o.PageSize = 2);
        string[] Fields(string kind, object? selector = null) =>
            [.. AdoClientHarness.FetchAllAsync(session, kind, selector is null ? null : AdoClientHarness.Selector(selector)).Result[0]
                .EnumerateObject().Select(p => p.Name).Where(name => name.StartsWith("__", StringComparison.Ordinal) && !name.StartsWith("__organization", StringComparison.Ordinal))];

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
            Assert.That(Fields("team", new { includeAreaPaths = true }), Is.EquivalentTo(new[] { "__areaPaths" }));
            Assert.That(Fields("pipeline", new { includeRepo = true }), Is.EquivalentTo(new[] { "__projectId", "__repository" }));
            Assert.That(Fields("build", new { enrichWithFirstCommit = true }), Is.EquivalentTo(new[] { "__project", "__firstCommit" }));
            Assert.That(Fields("user", new { source = "graph", includeGroupMemberships = true }), Is.EquivalentTo(new[] { "__groups" }));
            Assert.That(Fields("pipeline-stage"), Is.EquivalentTo(new[] { "__project", "__build" }));
            Assert.That(Fields("environment"), Is.EquivalentTo(new[] { "__project" }));
            Assert.That(Fields("pipeline-deployment"), Is.EquivalentTo(new[] { "__project", "__environment" }));
            Assert.That(Fields("release-deployment"), Is.EquivalentTo(new[] { "__project" }));
            Assert.That(Fields("area-path"), Is.EquivalentTo(new[] { "__project", "__parentId" }));
            Assert.That(Fields("group-member"), Is.EquivalentTo(new[] { "__group" }));
            Assert.That(Fields("test-run"), Is.EquivalentTo(new[] { "__project", "__results" }));
            Assert.That(Fields("test-run", new { includeResults = false, codeCoverage = new { flags = 1 } }), Is.EquivalentTo(new[] { "__project", "__codeCoverage" }));
            Assert.That(Fields("folder", new { folders = new[] { new { path = "*" } } }), Is.EquivalentTo(new[] { "__repository", "__branch" }));
            Assert.That(Fields("advanced-security-alert"), Is.EquivalentTo(new[] { "__repository" }));
            Assert.That(Fields("wiki"), Is.EquivalentTo(new[] { "__wiki", "__project" }));
        });
    }

    [Test]
    public async Task File_content_is_parsed_and_selector_options_filter()
    {
        var organization = OrganizationCrawlTests.SmallOrg();
        organization.ReposPerProject = 3;
        await using var harness = await AdoClientHarness.StartAsync(organization);
        using var session = harness.Open();
        var files = await AdoClientHarness.FetchAllAsync(session, "file", AdoClientHarness.Selector(new { files = new { path = new[] { "config/*.json", "**/service.yaml" } } }));
        var wikis = await AdoClientHarness.FetchAllAsync(session, "wiki", AdoClientHarness.Selector(new { wikiType = "codeWiki", includeContent = true }));
        var critical = await AdoClientHarness.FetchAllAsync(session, "advanced-security-alert", AdoClientHarness.Selector(new { criteria = new { severity = "critical" } }));
        var all = await AdoClientHarness.FetchAllAsync(session, "advanced-security-alert");
        var shallow = await AdoClientHarness.FetchAllAsync(session, "area-path");

        Assert.Multiple(() =>
        {
            Assert.That(files.Select(f => f.GetProperty("file").GetProperty("path").GetString()), Has.All.Matches<string>(p => p == "/config/app.json" || p.EndsWith("/service.yaml", StringComparison.Ordinal)));
            var json = files.First(f => f.GetProperty("file").GetProperty("path").GetString() == "/config/app.json");
            Assert.That(json.GetProperty("file").GetProperty("content").GetProperty("parsed").ValueKind, Is.EqualTo(JsonValueKind.Object));
            var yaml = files.First(f => f.GetProperty("file").GetProperty("path").GetString()!.EndsWith(".yaml", StringComparison.Ordinal));
            Assert.That(yaml.GetProperty("file").GetProperty("content").GetProperty("parsed").ValueKind, Is.EqualTo(JsonValueKind.Object));
            Assert.That(yaml.GetProperty("repo").GetProperty("id").GetString(), Is.Not.Empty);
            Assert.That(wikis, Is.Not.Empty);
            Assert.That(wikis.Select(w => w.GetProperty("__wiki").GetProperty("type").GetString()), Has.All.EqualTo("codeWiki"));
            Assert.That(wikis.Select(w => w.TryGetProperty("content", out _)), Has.All.True);
            Assert.That(critical.Count, Is.LessThan(all.Count));
            Assert.That(critical.Select(a => a.GetProperty("severity").GetString()), Has.All.EqualTo("critical"));
            Assert.That(session.SkippedOf("advanced-security-alert"), Does.ContainKey("repository without Advanced Security"));
            Assert.That(shallow, Has.Count.EqualTo(3), "without depth, only each project's root area");
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
