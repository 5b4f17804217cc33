using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Runner.Domain.Integrations.AzureDevOps.Http;

/// <summary>
/// One <see cref="OrganizationThrottle"/> per organization base URL for the whole process, so a resync and any
/// other caller for the same organization slow down together (Ocean's separate limiters did not, PR #3231).
/// </summary>
internal sealed class OrganizationThrottles(TimeProvider time, IOptions<AzureDevOpsOptions> options)
{
    private readonly ConcurrentDictionary<string, OrganizationThrottle> _byOrganization = new(StringComparer.OrdinalIgnoreCase);

    public OrganizationThrottle For(Uri organizationUrl) =>
        _byOrganization.GetOrAdd(organizationUrl.AbsoluteUri.TrimEnd('/'), _ => new OrganizationThrottle(time, options.Value));
}
