using System.Net;
using System.Net.Sockets;

namespace Runner.Domain.Egress;

/// <summary>
/// The one <see cref="SocketsHttpHandler.ConnectCallback"/> for tenants' systems: resolves the host itself, refuses
/// non-public destinations, binds the source address and connects to exactly the addresses it checked, so a second
/// DNS answer (rebinding) can never slip in between check and connect.
/// </summary>
internal sealed class EgressConnector(IPAddress? source, bool allowPrivateNetworks)
{
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken ct)
    {
        var endpoint = context.DnsEndPoint;
        var destinations = await ResolveAsync(endpoint.Host, ct);
        if (!allowPrivateNetworks)
        {
            foreach (var destination in destinations)
            {
                // One blocked answer refuses the host: a name mixing public and private answers is an attack, not a setup.
                if (NetworkAddressPolicy.BlockedReason(destination) is { } reason)
                {
                    throw new EgressRefusedException(endpoint.Host, destination, reason);
                }
            }
        }
        SocketException? lastFailure = null;
        foreach (var destination in destinations)
        {
            var socket = new Socket(destination.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                Bind(socket);
                await socket.ConnectAsync(destination, endpoint.Port, ct);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException e)
            {
                socket.Dispose();
                lastFailure = e;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }
        throw lastFailure ?? new SocketException((int)SocketError.HostNotFound);
    }

    private async Task<IPAddress[]> ResolveAsync(string host, CancellationToken ct)
    {
        // Normalised as at creation, so "127.0.0.1." is the literal it is and never reaches the system resolver.
        // Literals, including IPv6 in brackets and odd IPv4 forms (decimal, octal, hex), are checked as parsed.
        host = NetworkAddressPolicy.NormalizeHost(host) ?? throw new SocketException((int)SocketError.HostNotFound);
        // localhost and its sub-domains are loopback without asking any resolver (RFC 6761 §6.3): glibc does not
        // know "vsrm.localhost", and a DNS server must not be able to point such a name elsewhere.
        var addresses = IPAddress.TryParse(host, out var literal) ? [literal]
            : IsLoopbackName(host) ? [IPAddress.Loopback, IPAddress.IPv6Loopback]
            : await Dns.GetHostAddressesAsync(host, ct);
        // A bound source address can only reach destinations of its own family; mapped IPv4 is plain IPv4 on the wire.
        return [.. addresses
            .Select(a => a.IsIPv4MappedToIPv6 ? a.MapToIPv4() : a)
            .Where(a => source is null || a.AddressFamily == source.AddressFamily)];
    }

    private static bool IsLoopbackName(string host) => host == "localhost" || host.EndsWith(".localhost", StringComparison.Ordinal);

    private void Bind(Socket socket)
    {
        if (source is null)
        {
            return;
        }
        try
        {
            socket.Bind(new IPEndPoint(source, 0));
        }
        catch (SocketException e)
        {
            throw new EgressBindException(source, e);
        }
    }
}
