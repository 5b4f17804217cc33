using Runner.Domain.Egress;
using Runner.Tests.Infrastructure;
using Runner.Tests.Integrations.AzureDevOps;
using Runner.Tools.AdoSandbox;

namespace Runner.Tests.Egress;

/// <summary>Outbound connections leave from the egress pool: one sticky address per installation, failing over when one cannot be bound.</summary>
public sealed class EgressBindingTests
{
    private static readonly string[] Kinds = ["project", "repository", "team", "pipeline"];

    [Test]
    public async Task Each_installation_sticks_to_one_pool_address_and_installations_spread_over_the_pool()
    {
        await using var harness = await AdoClientHarness.StartAsync(new SandboxOptions(), settings: Pool("127.0.0.2", "127.0.0.3"));
        var first = InstallationPreferring(0, 2);
        var second = InstallationPreferring(1, 2);

        var firstSources = await SourcesOfFetchAsync(harness, first);
        var secondSources = await SourcesOfFetchAsync(harness, second);

        Assert.Multiple(() =>
        {
            Assert.That(firstSources, Is.EqualTo(new[] { "127.0.0.2" }), $"{first} prefers the first address");
            Assert.That(secondSources, Is.EqualTo(new[] { "127.0.0.3" }), $"{second} prefers the second address");
        });
    }

    [Test]
    public async Task An_address_that_cannot_be_bound_is_skipped_and_remembered()
    {
        var logs = new CapturedLogs();
        // 192.0.2.1 (TEST-NET) is on no interface of this machine: binding it fails with AddressNotAvailable.
        await using var harness = await AdoClientHarness.StartAsync(new SandboxOptions(), settings: Pool("192.0.2.1", "127.0.0.2"), logs: logs);
        var installation = InstallationPreferring(0, 2);

        var firstRun = await SourcesOfFetchAsync(harness, installation);
        var secondRun = await SourcesOfFetchAsync(harness, installation);

        var moves = logs.Lines.Where(l => l.Contains("cannot be bound", StringComparison.Ordinal)).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(firstRun, Is.EqualTo(new[] { "127.0.0.2" }));
            Assert.That(secondRun, Is.EqualTo(new[] { "127.0.0.2" }));
            Assert.That(moves, Has.Count.EqualTo(1), "the dead address is tried once, then skipped");
            Assert.That(moves[0], Does.Contain("192.0.2.1").And.Contain(installation).And.Contain("AddressNotAvailable"));
            Assert.That(moves[0], Does.Not.Contain(harness.Sandbox.Options.Pat));
        });
    }

    [Test]
    public async Task Without_a_pool_the_operating_system_chooses_the_source()
    {
        await using var harness = await AdoClientHarness.StartAsync(new SandboxOptions());

        Assert.That(await SourcesOfFetchAsync(harness, "installation-1"), Is.EqualTo(new[] { "127.0.0.1" }));
    }

    internal static Dictionary<string, string?> Pool(params string[] addresses) =>
        addresses.Select((a, i) => ($"Runner:Egress:Addresses:{i}", (string?)a)).ToDictionary(p => p.Item1, p => p.Item2);

    private static string InstallationPreferring(int index, int poolSize) =>
        Enumerable.Range(0, 100).Select(i => $"installation-{i}").First(id => EgressPool.PreferredIndex(id, poolSize) == index);

    /// <summary>Fetches several kinds in a new session and returns the distinct source addresses the sandbox saw.</summary>
    private static async Task<string[]> SourcesOfFetchAsync(AdoClientHarness harness, string installationId)
    {
        harness.Sandbox.RequestLog.Clear();
        using (var session = harness.Open(installationId: installationId))
        {
            foreach (var kind in Kinds)
            {
                Assert.That(await AdoClientHarness.FetchAllAsync(session, kind), Is.Not.Empty, kind);
            }
        }
        Assert.That(harness.Sandbox.RequestLog.TotalCount, Is.GreaterThanOrEqualTo(Kinds.Length));
        return [.. harness.Sandbox.RequestLog.Snapshot().Select(e => e.RemoteIp?.ToString() ?? "").Distinct()];
    }
}
