using System.Net;
using System.Net.Sockets;

namespace Runner.Domain.Egress;

/// <summary>The source address could not be bound (e.g. it is not on this machine): try the next address of the pool.</summary>
internal sealed class EgressBindException(IPAddress source, SocketException inner)
    : Exception($"Egress address {source} cannot be bound: {inner.SocketErrorCode}.", inner)
{
    public IPAddress SourceAddress { get; } = source;
    public SocketError Error { get; } = inner.SocketErrorCode;
}
