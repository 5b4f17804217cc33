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
    /// retry settings always come from configuration.
    /// </summary>
    public AzureDevOpsFetchSession Open(AzureDevOpsConnection connection, AzureDevOpsOptions? options = null)
    {
        options ??= _defaults;
        var counters = new AzureDevOpsFetchCounters();
        var resources = new SessionResources(new SemaphoreSlim(options.MaxRequestsInFlight));
        var context = new SessionRequestContext(connection.InstallationId, _throttles.For(connection.OrganizationUrl), resources.InFlight, counters);
        var credentials = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(":" + connection.PersonalAccessToken)));

        HttpClient ClientFor(Uri host) => resources.Clients.TryGetValue(host, out var existing) ? existing : resources.Clients[host] = Create(host);

        HttpClient Create(Uri host)
        {
            var client = new HttpClient(new SessionContextHandler(context, _handlers.CreateHandler(AzureDevOpsHttp.ClientName)))
            {
                BaseAddress = host,
                // The resilience pipeline owns attempt timeouts; HttpClient's own would cut retries short.
                Timeout = Timeout.InfiniteTimeSpan,
            };
            client.DefaultRequestHeaders.Authorization = credentials;
            // Makes a refused PAT a 401 instead of a 203 sign-in page.
            client.DefaultRequestHeaders.Add("X-TFS-FedAuthRedirect", "Suppress");
            return client;
        }

        var apis = AzureDevOpsApis.Create(AzureDevOpsHosts.For(connection.OrganizationUrl), ClientFor);
        return new AzureDevOpsFetchSession(apis, options, connection.ExcludedTags, counters, resources);
    }

    private sealed class SessionResources(SemaphoreSlim inFlight) : IDisposable
    {
        public SemaphoreSlim InFlight { get; } = inFlight;
        public Dictionary<Uri, HttpClient> Clients { get; } = [];

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
