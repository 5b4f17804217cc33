using System.Net;
using Runner.Tests.Infrastructure;
using Runner.Tests.Mapping;
using Runner.Tools.AdoSandbox;
using static Runner.Tests.Infrastructure.ResyncHarness;

namespace Runner.Tests.Resync;

/// <summary>
/// A tenant's jq that never ends, recurses without bound or builds without bound is a mapping error for each object
/// (the budget stops it), not a crashed, hung or bloated Worker; another tenant's resync runs meanwhile.
/// Before the native engine, <c>def f: [f]; f</c> killed the Worker inside libjq and crash-looped it.
/// </summary>
public sealed class HostileJqResyncTests
{
    private const string Projects = """
        resources:
          - kind: project
            selector: {query: 'true'}
            port: {entity: {mappings: {identifier: .id, title: .name, blueprint: '"azureDevopsProject"'}}}
        """;

    private ResyncHarness _harness = null!;

    [OneTimeSetUp]
    public async Task Start() => _harness = await StartAsync(new SandboxOptions { Organization = "fabrikam", Projects = 3, ReposPerProject = 1, BranchesPerRepo = 1 });

    [OneTimeTearDown]
    public ValueTask Stop() => _harness.DisposeAsync();

    public static IEnumerable<TestCaseData> Hostile() => HostileJq.Programs.Select(p => new TestCaseData(p.Program, p.Budget).SetArgDisplayNames(p.Name));

    [TestCaseSource(nameof(Hostile))]
    public async Task Each_object_fails_within_the_budget_and_another_tenants_resync_completes(string program, string budget)
    {
        var hostile = Projects.Replace("title: .name", $"title: '{program.Replace("'", "''", StringComparison.Ordinal)}'", StringComparison.Ordinal);
        var attack = _harness.InstallAsync(mapping: hostile);
        var bystander = _harness.InstallAsync(mapping: Projects);
        await Task.WhenAll(attack, bystander);

        var projects = _harness.Sandbox.ExpectedCounts()["project"];
        var (attacker, _, attackRun) = attack.Result;
        Assert.That(attackRun["status"]!.GetValue<string>(), Is.EqualTo("succeeded"), attackRun.ToJsonString());
        var report = Kind(attackRun, "project");
        Assert.That(report["mappingErrors"]!.GetValue<long>(), Is.EqualTo(projects));
        Assert.That(report["mappingErrorSamples"]![0]!.GetValue<string>(), Does.Contain("ran out of its budget").And.Contain(budget));
        Assert.That(await CountEntitiesAsync(attacker.Admin, "azureDevopsProject"), Is.Zero);

        var (other, _, otherRun) = bystander.Result;
        Assert.That(otherRun["status"]!.GetValue<string>(), Is.EqualTo("succeeded"));
        Assert.That(await CountEntitiesAsync(other.Admin, "azureDevopsProject"), Is.EqualTo(projects));

        var worker = await _harness.Worker.CreateClient().GetAsync("/healthz");
        Assert.That(worker.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the Worker is still alive");
    }
}
