using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Options;
using Runner.Domain.Integrations.AzureDevOps.Api;
using Runner.Domain.Integrations.AzureDevOps.Http;

namespace Runner.Domain.Integrations.AzureDevOps.Fetching;

/// <summary>Opens fetch sessions whose clients share the "azure-devops" handler pipeline and their organization's throttle.</summary>
public sealed class AzureDevOpsFetchSessionFactory
{
    private readonly IHttpMessageHandlerFactory _handlers;
    private readonly OrganizationThrottles _throttles;
    private readonly AzureDevOpsOptions _defaults;

    internal AzureDevOpsFetchSessionFactory(IHttpMessageHandlerFactory handlers, OrganizationThrottles throttles, IOptions<AzureDevOpsOptions> defaults)
    {
        _handlers = handlers;
        _throttles = throttles;
        _defaults = defaults.Value;
    }

    /// <summary>
    /// A session for one installation. <paramref name="options"/> overrides paging and concurrency for this session;
    /// retry settings always come from configuration. A <paramref name="priority"/> session (live events) goes before bulk requests.
    /// </summary>
    public AzureDevOpsFetchSession Open(AzureDevOpsConnection connection, AzureDevOpsOptions? options = null, bool priority = false)
    {
        options ??= _defaults;
        var counters = new AzureDevOpsFetchCounters();
        var resources = new SessionResources(new SemaphoreSlim(options.MaxRequestsInFlight));
        var context = new SessionRequestContext(connection.InstallationId, _throttles.For(connection.OrganizationUrl), resources.InFlight, counters, priority);
        var credentials = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(":" + connection.PersonalAccessToken)));

        HttpClient Create(ResourceArea area, Uri baseAddress, ResourceAreaLocations? locations)
        {
            HttpMessageHandler handler = new SessionContextHandler(context, _handlers.CreateHandler(AzureDevOpsHttp.ClientName));
            var client = new HttpClient(locations is null ? handler : new AreaRoutingHandler(area, locations, handler))
            {
                BaseAddress = baseAddress,
                // The resilience pipeline owns attempt timeouts; HttpClient's own would cut retries short.
                Timeout = Timeout.InfiniteTimeSpan,
            };
            client.DefaultRequestHeaders.Authorization = credentials;
            // Makes a refused PAT a 401 instead of a 203 sign-in page.
            client.DefaultRequestHeaders.Add("X-TFS-FedAuthRedirect", "Suppress");
            return resources.Clients[area] = client;
        }

        // Area clients start on the cloud naming and move to the organization's resource area locations per request.
        var fallback = AzureDevOpsHosts.For(connection.OrganizationUrl);
        var core = Create(ResourceArea.Core, fallback.Core, null);
        var locations = new ResourceAreaLocations(fallback, core);
        HttpClient ClientFor(ResourceArea area) =>
            resources.Clients.TryGetValue(area, out var existing) ? existing : Create(area, fallback.Of(area), locations);

        var apis = AzureDevOpsApis.Create(ClientFor);
        return new AzureDevOpsFetchSession(apis, options, connection.OrganizationUrl, connection.ExcludedTags, counters, resources);
    }

    private sealed class SessionResources(SemaphoreSlim inFlight) : IDisposable
    {
        public SemaphoreSlim InFlight { get; } = inFlight;
        public Dictionary<ResourceArea, HttpClient> Clients { get; } = [];

        public void Dispose()
        {
            foreach (var client in Clients.Values)
            {
                client.Dispose();
            }
            InFlight.Dispose();
        }
    }
}
