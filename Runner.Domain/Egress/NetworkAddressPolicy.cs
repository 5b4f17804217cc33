using System.Net;
using System.Net.Sockets;

namespace Runner.Domain.Egress;

/// <summary>
/// Which destinations a tenant-supplied URL may reach: public unicast addresses only. Loopback,
/// private, link-local (cloud metadata), CGNAT, multicast, reserved ranges and Azure's platform
/// address are refused, including when dressed up as IPv4-mapped IPv6.
/// </summary>
public static class NetworkAddressPolicy
{
    private static readonly (IPAddress Network, int PrefixLength, string Reason)[] BlockedV4 =
    [
        (IPAddress.Parse("0.0.0.0"), 8, "this network"),
        (IPAddress.Parse("10.0.0.0"), 8, "private network"),
        (IPAddress.Parse("100.64.0.0"), 10, "carrier-grade NAT"),
        (IPAddress.Parse("127.0.0.0"), 8, "loopback"),
        (IPAddress.Parse("169.254.0.0"), 16, "link-local, cloud metadata"),
        (IPAddress.Parse("172.16.0.0"), 12, "private network"),
        (IPAddress.Parse("192.0.0.0"), 24, "reserved"),
        (IPAddress.Parse("192.0.2.0"), 24, "reserved for documentation"),
        (IPAddress.Parse("192.88.99.0"), 24, "reserved"),
        (IPAddress.Parse("192.168.0.0"), 16, "private network"),
        (IPAddress.Parse("198.18.0.0"), 15, "reserved for benchmarking"),
        (IPAddress.Parse("198.51.100.0"), 24, "reserved for documentation"),
        (IPAddress.Parse("203.0.113.0"), 24, "reserved for documentation"),
        (IPAddress.Parse("224.0.0.0"), 4, "multicast"),
        (IPAddress.Parse("240.0.0.0"), 4, "reserved"),
        (IPAddress.Parse("168.63.129.16"), 32, "Azure platform address"),
    ];

    private static readonly (IPAddress Network, int PrefixLength, string Reason)[] BlockedV6 =
    [
        (IPAddress.Parse("::"), 96, "unspecified, loopback or IPv4-compatible"),
        (IPAddress.Parse("64:ff9b::"), 96, "NAT64, embeds an IPv4 address"),
        (IPAddress.Parse("100::"), 64, "discard-only"),
        (IPAddress.Parse("2001:db8::"), 32, "reserved for documentation"),
        (IPAddress.Parse("2002::"), 16, "6to4, embeds an IPv4 address"),
        (IPAddress.Parse("fc00::"), 7, "unique-local"),
        (IPAddress.Parse("fe80::"), 10, "link-local"),
        (IPAddress.Parse("fec0::"), 10, "site-local"),
        (IPAddress.Parse("ff00::"), 8, "multicast"),
    ];

    public static bool IsPublic(IPAddress address) => BlockedReason(address) is null;

    /// <summary>Why the address may not be reached (e.g. "private network"), or null when it is public.</summary>
    public static string? BlockedReason(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            return BlockedReason(address.MapToIPv4()) is { } reason ? $"{reason}, IPv4-mapped" : null;
        }
        var blocked = address.AddressFamily == AddressFamily.InterNetwork ? BlockedV4 : BlockedV6;
        return blocked.FirstOrDefault(range => InRange(address, range.Network, range.PrefixLength)).Reason;
    }

    /// <summary>
    /// The host as the policy and the resolver both see it: lower case, without the trailing dots that make a name
    /// absolute ("LOCALHOST." is localhost, "127.0.0.1." the loopback literal). Null for an empty or non-ASCII host:
    /// with invariant globalization there is no UTS 46 mapping, so "①②⑦.0.0.1" cannot be mapped as other resolvers
    /// map it (to 127.0.0.1) and is refused instead (docs/decisions/egress-and-ssrf.md).
    /// </summary>
    public static string? NormalizeHost(string host)
    {
        var trimmed = host.TrimEnd('.');
        return trimmed.Length == 0 || !System.Text.Ascii.IsValid(trimmed) ? null : trimmed.ToLowerInvariant();
    }

    /// <summary>Hosts that name this machine or a private network without being IP literals.</summary>
    public static bool IsLocalHostName(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
        || host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase)
        || host.EndsWith(".local", StringComparison.OrdinalIgnoreCase)
        || host.EndsWith(".internal", StringComparison.OrdinalIgnoreCase);

    private static bool InRange(IPAddress address, IPAddress network, int prefixLength)
    {
        if (address.AddressFamily != network.AddressFamily)
        {
            return false;
        }
        var a = address.GetAddressBytes();
        var n = network.GetAddressBytes();
        var fullBytes = prefixLength / 8;
        if (!a.AsSpan(0, fullBytes).SequenceEqual(n.AsSpan(0, fullBytes)))
        {
            return false;
        }
        var remainingBits = prefixLength % 8;
        if (remainingBits == 0)
        {
            return true;
        }
        var mask = (byte)(0xFF << (8 - remainingBits));
        return (a[fullBytes] & mask) == (n[fullBytes] & mask);
    }
}
