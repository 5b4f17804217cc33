using System.Net;

namespace Runner.Domain.Egress;

/// <summary>One source address (null: the OS chooses) and the handler whose connections all leave from it.</summary>
internal sealed class EgressRoute(IPAddress? source, SocketsHttpHandler handler) : IDisposable
{
    public IPAddress? Source { get; } = source;
    public SocketsHttpHandler Handler { get; } = handler;

    // The handler stays owned here: routing handlers come and go with IHttpClientFactory's rotation, the pools stay.
    public HttpMessageInvoker Invoker { get; } = new(handler, disposeHandler: false);

    public void Dispose()
    {
        Invoker.Dispose();
        Handler.Dispose();
    }
}
