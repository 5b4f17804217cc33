using Polly.Timeout;
using Runner.Domain.Egress;

namespace Runner.Domain.Integrations.AzureDevOps.Http;

/// <summary>
/// Outermost handler of a session's clients: tags each request with its session and installation (which picks the
/// egress address), and names the path of a request that never got a response once retries are spent.
/// </summary>
internal sealed class SessionContextHandler(SessionRequestContext session, HttpMessageHandler pipeline) : DelegatingHandler(pipeline)
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        request.Options.Set(AzureDevOpsHttp.Session, session);
        request.Options.Set(EgressRoutingHandler.Installation, session.InstallationId);
        try
        {
            return await base.SendAsync(request, ct);
        }
        catch (Exception e) when (e is HttpRequestException or TimeoutRejectedException)
        {
            throw new AzureDevOpsUnreachableException(request.RequestUri?.AbsolutePath ?? "", e);
        }
    }
}
