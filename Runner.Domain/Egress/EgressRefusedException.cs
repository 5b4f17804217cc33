using System.Net;

namespace Runner.Domain.Egress;

/// <summary>
/// A tenant's URL resolved to an address Runner must not reach (SSRF guard). Thrown before any connection is
/// made; not transient, so it is not retried and fails the run with this message.
/// </summary>
public sealed class EgressRefusedException(string host, IPAddress address, string reason)
    : Exception($"Refusing to connect to {address} ({reason}) for {host}: only public addresses are allowed.")
{
    public string Host { get; } = host;
    public IPAddress Address { get; } = address;
}
