using Runner.Domain.Integrations.AzureDevOps;
using Runner.Tools.AdoSandbox;

namespace Runner.Tests.Integrations.AzureDevOps;

/// <summary>Reports what a whole-organization fetch costs with default settings (the figure a benchmark prints).</summary>
public sealed class FetchCostTests
{
    [TestCase(SandboxSize.Small)]
    [TestCase(SandboxSize.Medium)]
    public async Task A_whole_organization_costs_requests_per_thousand_objects(SandboxSize size)
    {
        await using var harness = await AdoClientHarness.StartAsync(SandboxSizes.Create(size));
        using var session = harness.Open();

        foreach (var kind in AzureDevOpsIntegration.Kinds)
        {
            await foreach (var _ in session.FetchAsync(kind, AdoClientHarness.Selector(new { })))
            {
            }
        }

        var counters = session.Counters;
        TestContext.Out.WriteLine($"{size}: {counters.Requests} requests for {counters.Objects} objects = {counters.RequestsPerThousandObjects:F1} per 1,000");
        Assert.That(counters.Requests, Is.EqualTo(harness.Sandbox.RequestLog.TotalCount), "every request the sandbox saw was counted");
    }
}
