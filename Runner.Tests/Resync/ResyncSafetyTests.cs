using System.Net;
using System.Net.Http.Json;
using Runner.Tests.Infrastructure;
using Runner.Tools.AdoSandbox;
using Runner.Tools.AdoSandbox.Faults;
using static Runner.Tests.Infrastructure.ResyncHarness;

namespace Runner.Tests.Resync;

/// <summary>What a resync must never do: delete on partial data, retry a refused token, or hide why it held back.</summary>
public sealed class ResyncSafetyTests
{
    private const string ProjectsAndRepositories = """
        entityDeletionThreshold: 0.9
        resources:
          - kind: project
            selector: {query: 'true'}
            port: {entity: {mappings: {identifier: .id, title: .name, blueprint: '"azureDevopsProject"'}}}
          - kind: repository
            selector: {query: 'true'}
            port: {entity: {mappings: {identifier: .id, title: .name, blueprint: '"azureDevopsRepository"', relations: {project: .project.id}}}}
          - kind: branch
            selector: {query: 'true'}
            port: {entity: {mappings: {identifier: '.__repository.id + "/" + .name', title: .name, blueprint: '"azureDevopsBranch"', relations: {repository: .__repository.id}}}}
        """;

    private ResyncHarness _harness = null!;

    [OneTimeSetUp]
    public async Task Start() => _harness = await StartAsync(new SandboxOptions { Organization = "fabrikam", Projects = 4, ReposPerProject = 3, BranchesPerRepo = 3 });

    [OneTimeTearDown]
    public ValueTask Stop() => _harness.DisposeAsync();

    [TearDown]
    public void ResetSandbox()
    {
        _harness.Sandbox.Faults.Settings = new FaultSettings();
        _harness.Sandbox.Options.DeletedFraction = 0;
    }

    [Test]
    public async Task A_refused_token_fails_fast_keeps_the_catalog_and_marks_the_installation_until_a_manual_run_succeeds()
    {
        var (tenant, installation, _) = await _harness.InstallAsync(mapping: ProjectsAndRepositories);
        var repositories = await CountEntitiesAsync(tenant.Admin, "azureDevopsRepository");
        await tenant.Admin.PutAsJsonAsync("/api/v1/secrets/pat", new { value = "wrong-token" }).ExpectAsync(HttpStatusCode.OK);
        _harness.Sandbox.Options.DeletedFraction = 0.5;
        _harness.Sandbox.RequestLog.Clear();

        var failed = await ResyncAsync(tenant.Admin, installation);

        Assert.That(failed["status"]!.GetValue<string>(), Is.EqualTo("failed"));
        Assert.That(failed["error"]!.GetValue<string>(), Is.EqualTo("Azure DevOps rejected the personal access token"));
        Assert.That(_harness.Sandbox.RequestLog.TotalCount, Is.EqualTo(1), "no retries of a refused token");
        Assert.That(await CountEntitiesAsync(tenant.Admin, "azureDevopsRepository"), Is.EqualTo(repositories));
        var marked = await tenant.Admin.GetAsync($"/api/v1/installations/{installation}").ExpectAsync(HttpStatusCode.OK);
        Assert.That(marked["status"]!.GetValue<string>(), Is.EqualTo("needsAttention"));
        Assert.That(marked["statusReason"]!.GetValue<string>(), Is.EqualTo("Azure DevOps rejected the personal access token"));
        Assert.That(_harness.Worker.Logs.Lines.Where(l => l.Contains("wrong-token", StringComparison.Ordinal) || l.Contains(Pat, StringComparison.Ordinal)), Is.Empty);

        await tenant.Admin.PutAsJsonAsync("/api/v1/secrets/pat", new { value = Pat }).ExpectAsync(HttpStatusCode.OK);
        var recovered = await ResyncAsync(tenant.Admin, installation);
        Assert.That(recovered["status"]!.GetValue<string>(), Is.EqualTo("succeeded"));
        var active = await tenant.Admin.GetAsync($"/api/v1/installations/{installation}").ExpectAsync(HttpStatusCode.OK);
        Assert.That(active["status"]!.GetValue<string>(), Is.EqualTo("active"));
    }

    [Test]
    public async Task A_fault_in_one_kind_keeps_its_blueprint_whole_while_other_blueprints_are_reconciled()
    {
        var (tenant, installation, _) = await _harness.InstallAsync(mapping: ProjectsAndRepositories);
        var branches = await CountEntitiesAsync(tenant.Admin, "azureDevopsBranch");

        _harness.Sandbox.Options.DeletedFraction = 0.3;
        var expected = _harness.Sandbox.ExpectedCounts();
        _harness.Sandbox.Faults.Settings = new FaultSettings { NotFoundPathContains = "/refs" };
        var run = await ResyncAsync(tenant.Admin, installation);

        Assert.That(run["status"]!.GetValue<string>(), Is.EqualTo("failed"));
        Assert.That(run["error"]!.GetValue<string>(), Does.Contain("branch"));
        Assert.That(Kind(run, "branch")["fetchErrors"]!.AsArray(), Is.Not.Empty);
        Assert.That(Kind(run, "branch")["deletion"]!.GetValue<string>(), Does.StartWith("skipped for azureDevopsBranch: kind 'branch' was not fetched completely"));
        Assert.That(await CountEntitiesAsync(tenant.Admin, "azureDevopsBranch"), Is.EqualTo(branches), "nothing of the faulty kind is deleted");
        Assert.That(await CountEntitiesAsync(tenant.Admin, "azureDevopsRepository"), Is.EqualTo(expected["repository"]), "other blueprints are reconciled");
        Assert.That(await CountEntitiesAsync(tenant.Admin, "azureDevopsProject"), Is.EqualTo(expected["project"]));
    }

    [Test]
    public async Task Deletion_above_the_threshold_is_skipped_and_says_why()
    {
        var (tenant, installation, _) = await _harness.InstallAsync(mapping: ProjectsAndRepositories.Replace("entityDeletionThreshold: 0.9", "entityDeletionThreshold: 0.1", StringComparison.Ordinal));
        var repositories = await CountEntitiesAsync(tenant.Admin, "azureDevopsRepository");

        _harness.Sandbox.Options.DeletedFraction = 0.5;
        var run = await ResyncAsync(tenant.Admin, installation);

        Assert.That(run["status"]!.GetValue<string>(), Is.EqualTo("succeeded"));
        var blueprint = run["report"]!["blueprints"]!.AsArray().Single(b => b!["blueprint"]!.GetValue<string>() == "azureDevopsRepository")!;
        Assert.That(blueprint["deletionRan"]!.GetValue<bool>(), Is.False);
        Assert.That(blueprint["deletionSkippedReason"]!.GetValue<string>(), Does.Contain("more than the entityDeletionThreshold of 0.1"));
        Assert.That(await CountEntitiesAsync(tenant.Admin, "azureDevopsRepository"), Is.EqualTo(repositories));
    }

    [Test]
    public async Task Mapping_errors_are_counted_per_object_the_run_goes_on_and_that_blueprint_is_not_reconciled()
    {
        const string FailingRepositories = """
            resources:
              - kind: repository
                selector: {query: 'true'}
                port: {entity: {mappings: {identifier: 'if (.name | endswith("1")) then error("bad repository") else .id end', title: .name, blueprint: '"azureDevopsRepository"'}}}
            """;
        var (tenant, _, run) = await _harness.InstallAsync(mapping: FailingRepositories);

        var repository = Kind(run, "repository");
        var expected = _harness.Sandbox.ExpectedCounts()["repository"];
        var failing = repository["mappingErrors"]!.GetValue<long>();
        Assert.That(failing, Is.GreaterThan(0).And.LessThan(expected));
        Assert.That(repository["mappingErrorSamples"]![0]!.GetValue<string>(), Does.Contain("bad repository"));
        Assert.That(await CountEntitiesAsync(tenant.Admin, "azureDevopsRepository"), Is.EqualTo(expected - failing));
        Assert.That(repository["deletion"]!.GetValue<string>(), Does.Contain("failed mapping"));
    }

    [Test]
    public async Task Raw_examples_are_kept_only_while_the_setting_is_on()
    {
        var (tenant, installation, _) = await _harness.InstallAsync(mapping: ProjectsAndRepositories);
        var kept = await tenant.Admin.GetAsync($"/api/v1/installations/{installation}/kinds/repository/examples").ExpectAsync(HttpStatusCode.OK);
        Assert.That(kept["items"]!.AsArray(), Has.Count.EqualTo(10));
        Assert.That(kept["items"]![0]!["data"]!["remoteUrl"], Is.Not.Null, "the raw object as Azure DevOps sent it");

        await tenant.Admin.PatchAsJsonAsync($"/api/v1/installations/{installation}", new { applicationSettings = new { sendRawDataExamples = false } }).ExpectAsync(HttpStatusCode.OK);
        await ResyncAsync(tenant.Admin, installation);
        var none = await tenant.Admin.GetAsync($"/api/v1/installations/{installation}/kinds/repository/examples").ExpectAsync(HttpStatusCode.OK);
        Assert.That(none["items"]!.AsArray(), Is.Empty);
    }

    // Whether each wait was long enough is checked per request in the client's ThrottlingTests; with 8
    // requests in flight the sandbox cannot tell a request sent before the 429 arrived from one sent after.
    [Test]
    public async Task Rate_limited_runs_complete_and_report_what_the_limits_cost()
    {
        var (tenant, installation, _) = await _harness.InstallAsync(mapping: ProjectsAndRepositories);
        _harness.Sandbox.Faults.Settings = new FaultSettings { ThrottleEveryNth = 4, RetryAfterSeconds = 1 };
        var run = await ResyncAsync(tenant.Admin, installation);

        Assert.That(run["status"]!.GetValue<string>(), Is.EqualTo("succeeded"), run.ToJsonString());
        var throttles = _harness.Sandbox.Faults.Throttles;
        Assert.That(throttles, Is.Not.Empty);
        Assert.That(run["report"]!["http"]!["throttled"]!.GetValue<long>(), Is.EqualTo(throttles.Count));
        Assert.That(run["report"]!["http"]!["delayHonouredSeconds"]!.GetValue<double>(), Is.GreaterThanOrEqualTo(1.0));
        Assert.That(await CountEntitiesAsync(tenant.Admin, "azureDevopsBranch"), Is.EqualTo(_harness.Sandbox.ExpectedCounts()["branch"]));
    }
}
