using Runner.Domain.Integrations.AzureDevOps.Fetching;

namespace Runner.Domain.Integrations.AzureDevOps.Http;

/// <summary>What a request carries through the shared handler pipeline back to its fetch session.</summary>
/// <param name="Priority">A live event's re-fetch: bulk resync requests to the organization yield to it.</param>
internal sealed record SessionRequestContext(
    string InstallationId, OrganizationThrottle Throttle, SemaphoreSlim InFlight, AzureDevOpsFetchCounters Counters, bool Priority = false);

internal static class AzureDevOpsHttp
{
    /// <summary>
    /// The named client whose pipeline (resilience, organization throttle, primary handler) every Azure DevOps
    /// request goes through. Its primary handler binds the installation's egress address and guards against SSRF.
    /// </summary>
    public const string ClientName = "azure-devops";

    public static readonly HttpRequestOptionsKey<SessionRequestContext> Session = new("Runner.AzureDevOps.Session");

    public static SessionRequestContext SessionOf(HttpRequestMessage request) =>
        request.Options.TryGetValue(Session, out var session)
            ? session
            : throw new InvalidOperationException($"Requests on the '{ClientName}' client must be sent through an AzureDevOpsFetchSession.");
}
