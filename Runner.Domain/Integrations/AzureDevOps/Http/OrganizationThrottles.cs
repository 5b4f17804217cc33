using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Runner.Domain.Integrations.AzureDevOps.Budget;

namespace Runner.Domain.Integrations.AzureDevOps.Http;

/// <summary>
/// One <see cref="OrganizationThrottle"/> per organization base URL for the whole process, so a resync and any
/// other caller for the same organization slow down together (Ocean's separate limiters did not, PR #3231); with
/// the <see cref="SharedRateBudget"/> (the Worker registers it), every Worker process slows down together too.
/// </summary>
internal sealed class OrganizationThrottles(
    TimeProvider time, IOptions<AzureDevOpsOptions> options, ILogger<OrganizationThrottles> logger, SharedRateBudget? shared = null)
{
    private readonly ConcurrentDictionary<string, OrganizationThrottle> _byOrganization = new(StringComparer.OrdinalIgnoreCase);

    public OrganizationThrottle For(Uri organizationUrl) =>
        _byOrganization.GetOrAdd(organizationUrl.AbsoluteUri.TrimEnd('/'), organization => new OrganizationThrottle(
            time, options.Value, shared is null ? null : new OrganizationBudgetLease(shared, organization.ToLowerInvariant(), options.Value, time, logger)));
}
