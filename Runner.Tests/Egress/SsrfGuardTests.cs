using System.Text.RegularExpressions;
using Runner.Domain.Egress;
using Runner.Tests.Integrations.AzureDevOps;
using Runner.Tools.AdoSandbox;

namespace Runner.Tests.Egress;

/// <summary>With private networks not allowed, a tenant URL that resolves to a blocked range fails at once, before any connection.</summary>
public sealed class SsrfGuardTests
{
    private static readonly Dictionary<string, string?> PublicOnly = new() { ["Runner:Egress:AllowPrivateNetworks"] = "false" };

    private AdoClientHarness _harness = null!;

    [OneTimeSetUp]
    public async Task Start() => _harness = await AdoClientHarness.StartAsync(new SandboxOptions(), maxRetries: 2, settings: PublicOnly);

    [OneTimeTearDown]
    public ValueTask Stop() => _harness.DisposeAsync();

    [SetUp]
    public void ClearLog() => _harness.Sandbox.RequestLog.Clear();

    [TestCase("0.0.0.1", "0.0.0.1", "this network")]
    [TestCase("10.0.0.5", "10.0.0.5", "private network")]
    [TestCase("172.16.0.1", "172.16.0.1", "private network")]
    [TestCase("192.168.1.1", "192.168.1.1", "private network")]
    [TestCase("100.64.0.1", "100.64.0.1", "carrier-grade NAT")]
    [TestCase("127.0.0.1", "127.0.0.1", "loopback")]
    [TestCase("2130706433", "127.0.0.1", "loopback")]
    [TestCase("169.254.169.254", "169.254.169.254", "link-local, cloud metadata")]
    [TestCase("168.63.129.16", "168.63.129.16", "Azure platform address")]
    [TestCase("192.0.0.8", "192.0.0.8", "reserved")]
    [TestCase("192.0.2.1", "192.0.2.1", "reserved for documentation")]
    [TestCase("198.18.0.1", "198.18.0.1", "reserved for benchmarking")]
    [TestCase("224.0.0.1", "224.0.0.1", "multicast")]
    [TestCase("240.0.0.1", "240.0.0.1", "reserved")]
    [TestCase("255.255.255.255", "255.255.255.255", "reserved")]
    [TestCase("[::1]", "::1", "unspecified, loopback or IPv4-compatible")]
    [TestCase("[fc00::1]", "fc00::1", "unique-local")]
    [TestCase("[fd12:3456::1]", "fd12:3456::1", "unique-local")]
    [TestCase("[fe80::1]", "fe80::1", "link-local")]
    [TestCase("[ff02::1]", "ff02::1", "multicast")]
    [TestCase("[2001:db8::1]", "2001:db8::1", "reserved for documentation")]
    [TestCase("[64:ff9b::a00:5]", "64:ff9b::a00:5", "NAT64, embeds an IPv4 address")]
    [TestCase("[2002:a00:5::1]", "2002:a00:5::1", "6to4, embeds an IPv4 address")]
    [TestCase("[::ffff:127.0.0.1]", "127.0.0.1", "loopback")]
    [TestCase("[::ffff:169.254.169.254]", "169.254.169.254", "link-local, cloud metadata")]
    [TestCase("127.0.0.1.", "127.0.0.1", "loopback")]
    [TestCase("10.0.0.5.", "10.0.0.5", "private network")]
    public void A_literal_address_in_a_blocked_range_is_refused(string host, string address, string reason)
    {
        var refused = FetchRefused(new Uri($"http://{host}:{_harness.Sandbox.Root.Port}/sandbox"));

        Assert.That(refused.Address.ToString(), Is.EqualTo(address));
        Assert.That(refused.Message, Does.StartWith($"Refusing to connect to {address} ({reason}) for ").And.EndWith(": only public addresses are allowed."));
    }

    // Sub-domains of localhost are loopback by RFC 6761 whatever a resolver says (the sandbox's area hosts use them).
    [TestCase("localhost")]
    [TestCase("vsrm.localhost")]
    public void A_host_name_that_resolves_to_loopback_is_refused_before_any_connection(string host)
    {
        var refused = FetchRefused(new Uri($"http://{host}:{_harness.Sandbox.Root.Port}/sandbox"), out var retries);

        Assert.Multiple(() =>
        {
            Assert.That(refused.Message, Does.Match($@"^Refusing to connect to (127\.0\.0\.1|::1) \(.*loopback.*\) for {Regex.Escape(host)}: only public addresses are allowed\.$"));
            Assert.That(refused.Host, Is.EqualTo(host));
            Assert.That(_harness.Sandbox.RequestLog.TotalCount, Is.Zero, "the sandbox listens on 127.0.0.1 and must not have been reached");
            Assert.That(retries, Is.Zero, "a refusal is not transient");
        });
    }

    private EgressRefusedException FetchRefused(Uri organizationUrl) => FetchRefused(organizationUrl, out _);

    private EgressRefusedException FetchRefused(Uri organizationUrl, out long retries)
    {
        using var session = _harness.Open(organizationUrl: organizationUrl);
        var refused = Assert.ThrowsAsync<EgressRefusedException>(() => AdoClientHarness.FetchAllAsync(session, "project"))!;
        retries = session.Counters.Retries;
        return refused;
    }
}
