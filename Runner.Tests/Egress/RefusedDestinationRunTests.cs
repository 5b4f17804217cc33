using Runner.Tests.Infrastructure;
using Runner.Tools.AdoSandbox;

namespace Runner.Tests.Egress;

/// <summary>A refused destination reaches the run record as a failure with the guard's message, not as an unexpected error.</summary>
public sealed class RefusedDestinationRunTests
{
    [Test]
    public async Task A_resync_of_an_organization_on_loopback_fails_with_the_refusal_when_private_networks_are_not_allowed()
    {
        // The Api accepts the sandbox URL (private networks allowed there); the Worker, which makes the calls, does not.
        await using var harness = await ResyncHarness.StartAsync(
            new SandboxOptions { Organization = "refused" },
            new Dictionary<string, string?> { ["Runner:Egress:AllowPrivateNetworks"] = "false" });
        var (_, _, run) = await harness.InstallAsync();

        Assert.Multiple(() =>
        {
            Assert.That(run["status"]!.GetValue<string>(), Is.EqualTo("failed"), run.ToJsonString());
            Assert.That(run["error"]?.GetValue<string>(), Is.EqualTo("Refusing to connect to 127.0.0.1 (loopback) for 127.0.0.1: only public addresses are allowed."));
            Assert.That(harness.Sandbox.RequestLog.TotalCount, Is.Zero);
        });
    }
}
