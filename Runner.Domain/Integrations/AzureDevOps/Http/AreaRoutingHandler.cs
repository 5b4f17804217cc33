namespace Runner.Domain.Integrations.AzureDevOps.Http;

/// <summary>
/// Outermost handler of an area's client: the client is built on the area's fallback base URL, and each request is
/// moved onto the base URL the organization's resource areas give, before throttling, egress and the SSRF guard see it.
/// </summary>
internal sealed class AreaRoutingHandler(ResourceArea area, ResourceAreaLocations locations, HttpMessageHandler inner) : DelegatingHandler(inner)
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        var from = locations.Fallback.Of(area).AbsoluteUri.TrimEnd('/');
        var to = (await locations.GetAsync(ct)).Of(area).AbsoluteUri.TrimEnd('/');
        var uri = request.RequestUri!.AbsoluteUri;
        if (from != to && uri.StartsWith(from, StringComparison.Ordinal) && (uri.Length == from.Length || uri[from.Length] is '/' or '?'))
        {
            request.RequestUri = new Uri(to + uri[from.Length..]);
        }
        return await base.SendAsync(request, ct);
    }
}
