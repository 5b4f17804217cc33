using System.Net;
using Runner.Tests.Infrastructure;
using Runner.Tools.AdoSandbox;

namespace Runner.Tests.Resync;

/// <summary>
/// A whole organization through the default mapping into the catalog, then again after deletions at the source: an
/// organization on one host with small pages, and the one <c>./run.sh --demo</c> serves (<see cref="SandboxSize.Demo"/>,
/// whose release, graph, entitlement and Advanced Security APIs answer only on their own hosts, found through
/// <c>_apis/resourceAreas</c>).
/// </summary>
[TestFixtureSource(nameof(Organizations))]
public sealed class DefaultMappingResyncTests(string name, Func<SandboxOptions> options)
{
    private static readonly object[] Organizations =
    [
        new object[] { "paged, one host", (Func<SandboxOptions>)(() => new SandboxOptions { Organization = "contoso", MaxPageSize = 7 }) },
        new object[] { "demo, area hosts", (Func<SandboxOptions>)(() => SandboxSizes.Create(SandboxSize.Demo)) },
    ];

    // Where each area's API lives in the sandbox (tools/AdoSandbox/Http/ApiArea.cs) and the cloud host prefix serving it.
    private static readonly (string Path, string Host)[] AreaPaths =
    [
        ("/_apis/release/", "vsrm."), ("/_apis/graph/", "vssps."), ("/_apis/userentitlements", "vsaex."), ("/_apis/alert/", "advsec."),
    ];

    private static readonly Dictionary<string, string> BlueprintOfKind = new()
    {
        ["project"] = "azureDevopsProject", ["team"] = "azureDevopsTeam", ["member"] = "azureDevopsMember", ["user"] = "azureDevopsUser",
        ["repository"] = "azureDevopsRepository", ["branch"] = "azureDevopsBranch", ["repository-policy"] = "azureDevopsRepositoryPolicy",
        ["pull-request"] = "azureDevopsPullRequest", ["pipeline"] = "azureDevopsPipeline", ["pipeline-run"] = "azureDevopsPipelineRun",
        ["build"] = "azureDevopsBuild", ["release"] = "azureDevopsRelease", ["release-definition"] = "azureDevopsReleaseDefinition",
        ["work-item"] = "azureDevopsWorkItem", ["board"] = "azureDevopsBoard", ["column"] = "azureDevopsColumn", ["iteration"] = "azureDevopsIteration",
        ["pipeline-stage"] = "azureDevopsPipelineStage", ["environment"] = "azureDevopsEnvironment", ["pipeline-deployment"] = "azureDevopsPipelineDeployment",
        ["release-deployment"] = "azureDevopsReleaseDeployment", ["area-path"] = "azureDevopsAreaPath", ["group"] = "azureDevopsGroup",
        ["group-member"] = "azureDevopsGroupMember", ["test-run"] = "azureDevopsTestRun", ["file"] = "azureDevopsFile", ["folder"] = "azureDevopsFolder",
        ["advanced-security-alert"] = "azureDevopsAdvancedSecurityAlert", ["wiki"] = "azureDevopsWikiPage",
    };

    // The default selects some files and the top-level folders only (the sandbox counts every one), and names a
    // column per project like the portal's default (the sandbox counts one per board).
    private static readonly HashSet<string> SelectedSubset = ["file", "folder"];
    private static readonly HashSet<string> MergedIdentifiers = ["file", "folder", "column"];

    private ResyncHarness _harness = null!;

    [OneTimeSetUp]
    public async Task Start() => _harness = await ResyncHarness.StartAsync(options());

    [OneTimeTearDown]
    public ValueTask Stop() => _harness.DisposeAsync();

    [Test]
    public async Task Every_kind_arrives_in_the_catalog_and_stale_entities_go_after_deletions_at_the_source()
    {
        var expected = _harness.Sandbox.ExpectedCounts();
        var (tenant, installation, run) = await _harness.InstallAsync();

        Assert.That(run["status"]!.GetValue<string>(), Is.EqualTo("succeeded"), $"{name}: {run.ToJsonString()}");
        AssertAreasWereCalledOnTheirHosts();
        Assert.That(BlueprintOfKind.Keys, Is.EquivalentTo(Runner.Domain.Integrations.AzureDevOps.AzureDevOpsIntegration.Kinds));
        foreach (var (kind, blueprint) in BlueprintOfKind)
        {
            var report = ResyncHarness.Kind(run, kind);
            // repository-policy is fetched for each of its three resources.
            var fetches = kind == "repository-policy" ? 3 : 1;
            Assert.That(report["fetched"]!.GetValue<long>(), SelectedSubset.Contains(kind) ? Is.InRange(1, expected[kind]) : Is.EqualTo(fetches * expected[kind]), $"{kind} fetched");
            Assert.That(report["mappingErrors"]!.GetValue<long>(), Is.Zero, $"{kind}: {report["mappingErrorSamples"]}");
            var entities = await ResyncHarness.CountEntitiesAsync(tenant.Admin, blueprint);
            Assert.That(entities, Is.Positive, $"{blueprint}: every default blueprint fills on the first resync");
            Assert.That(entities, MergedIdentifiers.Contains(kind) ? Is.InRange(1, expected[kind]) : Is.EqualTo(expected[kind]), $"{blueprint} entities");
        }
        var examples = await tenant.Admin.GetAsync($"/api/v1/installations/{installation}/kinds/work-item/examples").ExpectAsync(HttpStatusCode.OK);
        Assert.That(examples["items"]!.AsArray(), Has.Count.EqualTo(10));

        _harness.Sandbox.Options.DeletedFraction = 0.2;
        var afterDeletes = _harness.Sandbox.ExpectedCounts();
        var second = await ResyncHarness.ResyncAsync(tenant.Admin, installation);

        Assert.That(second["status"]!.GetValue<string>(), Is.EqualTo("succeeded"), second.ToJsonString());
        Assert.That(ResyncHarness.Kind(second, "work-item")["deleted"]!.GetValue<long>(), Is.GreaterThan(0));
        foreach (var (kind, blueprint) in BlueprintOfKind.Where(k => !MergedIdentifiers.Contains(k.Key)))
        {
            Assert.That(await ResyncHarness.CountEntitiesAsync(tenant.Admin, blueprint), Is.EqualTo(afterDeletes[kind]), $"{blueprint} after deletions: {second["report"]}");
        }
        Assert.That(ResyncHarness.Kind(second, "project")["unchanged"]!.GetValue<long>(), Is.EqualTo(afterDeletes["project"]), "unchanged rows are not rewritten");
    }

    /// <summary>Every area call was answered (none went to a host that does not serve it) on the host its area names.</summary>
    private void AssertAreasWereCalledOnTheirHosts()
    {
        var log = _harness.Sandbox.RequestLog.Snapshot();
        Assert.That(log.Where(r => r.Path.EndsWith("/_apis/resourceAreas", StringComparison.Ordinal)).Select(r => r.Status), Is.Not.Empty.And.All.EqualTo(200));
        foreach (var (path, host) in AreaPaths)
        {
            var calls = log.Where(r => r.Path.Contains(path, StringComparison.Ordinal)).ToList();
            Assert.That(calls, Is.Not.Empty, $"{name}: no {path} call");
            Assert.That(calls.Select(r => r.Host), _harness.Sandbox.Options.AreaHosts ? Has.All.StartsWith(host) : Has.All.EqualTo("127.0.0.1"), $"{name}: {path} hosts");
            // Advanced Security answers 400 for repositories that have it off; nothing else may fail.
            Assert.That(calls.Where(r => host != "advsec." || r.Status != 400).Select(r => r.Status), Has.All.EqualTo(200), $"{name}: {path} statuses");
        }
    }
}
