using System.Net;
using Runner.Domain.Egress;

namespace Runner.Tests.Egress;

/// <summary>The guard must not over-block: Azure DevOps and ordinary public hosts stay reachable.</summary>
public sealed class NetworkAddressPolicyTests
{
    [TestCase("13.107.42.20")]
    [TestCase("20.37.158.1")]
    [TestCase("8.8.8.8")]
    [TestCase("100.128.0.1")]
    [TestCase("172.32.0.1")]
    [TestCase("169.255.0.1")]
    [TestCase("2603:1030::1")]
    [TestCase("2620:1ec:4::1")]
    [TestCase("::ffff:8.8.8.8")]
    public void A_public_address_is_allowed(string address) =>
        Assert.That(NetworkAddressPolicy.BlockedReason(IPAddress.Parse(address)), Is.Null);

    [Test]
    public void An_ipv4_mapped_address_names_the_range_it_hides() =>
        Assert.That(NetworkAddressPolicy.BlockedReason(IPAddress.Parse("::ffff:10.1.2.3")), Is.EqualTo("private network, IPv4-mapped"));

    [TestCase("LOCALHOST.", "localhost")]
    [TestCase("127.0.0.1.", "127.0.0.1")]
    [TestCase("Dev.Azure.Com..", "dev.azure.com")]
    [TestCase("[::1]", "[::1]")]
    [TestCase("xn--bcher-kva.example", "xn--bcher-kva.example")]
    public void A_host_is_normalised_to_lower_case_without_trailing_dots(string host, string normalised) =>
        Assert.That(NetworkAddressPolicy.NormalizeHost(host), Is.EqualTo(normalised));

    [TestCase("①②⑦.0.0.1")]
    [TestCase("ｌｏｃａｌｈｏｓｔ")]
    [TestCase("bücher.example")]
    [TestCase(".")]
    public void A_host_that_is_not_ascii_or_empty_has_no_normal_form(string host) =>
        Assert.That(NetworkAddressPolicy.NormalizeHost(host), Is.Null);
}
