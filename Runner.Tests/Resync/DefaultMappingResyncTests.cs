using System.Net;
using Runner.Tests.Infrastructure;
using Runner.Tools.AdoSandbox;

namespace Runner.Tests.Resync;

/// <summary>A whole organization through the default mapping into the catalog, then again after deletions at the source.</summary>
public sealed class DefaultMappingResyncTests
{
    private static readonly Dictionary<string, string> BlueprintOfKind = new()
    {
        ["project"] = "azureDevopsProject", ["team"] = "azureDevopsTeam", ["member"] = "azureDevopsMember", ["user"] = "azureDevopsUser",
        ["repository"] = "azureDevopsRepository", ["branch"] = "azureDevopsBranch", ["repository-policy"] = "azureDevopsRepositoryPolicy",
        ["pull-request"] = "azureDevopsPullRequest", ["pipeline"] = "azureDevopsPipeline", ["pipeline-run"] = "azureDevopsPipelineRun",
        ["build"] = "azureDevopsBuild", ["release"] = "azureDevopsRelease", ["release-definition"] = "azureDevopsReleaseDefinition",
        ["work-item"] = "azureDevopsWorkItem", ["board"] = "azureDevopsBoard", ["column"] = "azureDevopsColumn", ["iteration"] = "azureDevopsIteration",
    };

    private ResyncHarness _harness = null!;

    [OneTimeSetUp]
    public async Task Start() => _harness = await ResyncHarness.StartAsync(new SandboxOptions { Organization = "contoso", MaxPageSize = 7 });

    [OneTimeTearDown]
    public ValueTask Stop() => _harness.DisposeAsync();

    [Test]
    public async Task Every_kind_arrives_in_the_catalog_and_stale_entities_go_after_deletions_at_the_source()
    {
        var expected = _harness.Sandbox.ExpectedCounts();
        var (tenant, installation, run) = await _harness.InstallAsync();

        Assert.That(run["status"]!.GetValue<string>(), Is.EqualTo("succeeded"), run.ToJsonString());
        foreach (var (kind, blueprint) in BlueprintOfKind)
        {
            var report = ResyncHarness.Kind(run, kind);
            Assert.That(report["fetched"]!.GetValue<long>(), Is.EqualTo(expected[kind]), $"{kind} fetched");
            Assert.That(report["mappingErrors"]!.GetValue<long>(), Is.Zero, $"{kind}: {report["mappingErrorSamples"]}");
            Assert.That(await ResyncHarness.CountEntitiesAsync(tenant.Admin, blueprint), Is.EqualTo(expected[kind]), $"{blueprint} entities");
        }
        var examples = await tenant.Admin.GetAsync($"/api/v1/installations/{installation}/kinds/work-item/examples").ExpectAsync(HttpStatusCode.OK);
        Assert.That(examples["items"]!.AsArray(), Has.Count.EqualTo(10));

        _harness.Sandbox.Options.DeletedFraction = 0.2;
        var afterDeletes = _harness.Sandbox.ExpectedCounts();
        var second = await ResyncHarness.ResyncAsync(tenant.Admin, installation);

        Assert.That(second["status"]!.GetValue<string>(), Is.EqualTo("succeeded"), second.ToJsonString());
        Assert.That(ResyncHarness.Kind(second, "work-item")["deleted"]!.GetValue<long>(), Is.GreaterThan(0));
        foreach (var (kind, blueprint) in BlueprintOfKind)
        {
            Assert.That(await ResyncHarness.CountEntitiesAsync(tenant.Admin, blueprint), Is.EqualTo(afterDeletes[kind]), $"{blueprint} after deletions: {second["report"]}");
        }
        Assert.That(ResyncHarness.Kind(second, "project")["unchanged"]!.GetValue<long>(), Is.EqualTo(afterDeletes["project"]), "unchanged rows are not rewritten");
    }
}
