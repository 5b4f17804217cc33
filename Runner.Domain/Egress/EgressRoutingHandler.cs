namespace Runner.Domain.Egress;

/// <summary>
/// Primary handler of clients that call tenants' systems: sends each request through the installation's egress
/// address and, when that address cannot be bound, through the next one. Refusals by the SSRF guard come out as
/// <see cref="EgressRefusedException"/> itself, which retry policies do not treat as transient.
/// </summary>
internal sealed class EgressRoutingHandler(EgressPool pool) : HttpMessageHandler
{
    /// <summary>Which installation a request is for; requests without one all share the address of the empty id.</summary>
    public static readonly HttpRequestOptionsKey<string> Installation = new("Runner.Egress.Installation");

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        var installationId = request.Options.TryGetValue(Installation, out var id) ? id : "";
        HttpRequestException? bindFailure = null;
        foreach (var route in pool.RoutesFor(installationId))
        {
            try
            {
                return await route.Invoker.SendAsync(request, ct);
            }
            catch (HttpRequestException e) when (e.InnerException is EgressBindException failed)
            {
                // Nothing was sent: the socket never got a source address, so the request can go out again.
                pool.MarkFailed(failed, installationId);
                bindFailure = e;
            }
            catch (HttpRequestException e) when (e.InnerException is EgressRefusedException refused)
            {
                throw refused;
            }
        }
        throw bindFailure!;
    }
}
