using System.ComponentModel.DataAnnotations;

namespace Runner.Domain.Integrations.AzureDevOps;

/// <summary>
/// Client behaviour for every Azure DevOps organization. Retry settings feed the one resilience pipeline;
/// the rest can be overridden per fetch session (tests and the benchmark force small pages).
/// </summary>
public sealed class AzureDevOpsOptions
{
    public const string SectionName = "Runner:AzureDevOps";

    /// <summary>Requests in flight at once for one installation's fetch session.</summary>
    [Range(1, 64)]
    public int MaxRequestsInFlight { get; set; } = 8;

    /// <summary>Parents (projects, repositories, teams, pipelines) whose sub-resources are fetched at once.</summary>
    [Range(1, 64)]
    public int ParallelParents { get; set; } = 8;

    /// <summary><c>$top</c> sent to paged lists; the service may still return fewer.</summary>
    [Range(1, 1000)]
    public int PageSize { get; set; } = 100;

    /// <summary>Ids per WIQL window, below the service's 20,000-result cap (Ocean uses 19,999 too).</summary>
    [Range(1, 19_999)]
    public int WiqlWindow { get; set; } = 19_999;

    /// <summary>Ids per work-item call; the service rejects more than 200.</summary>
    [Range(1, 200)]
    public int WorkItemBatchSize { get; set; } = 200;

    [Range(1, 20)]
    public int MaxRetries { get; set; } = 5;

    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(2);
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(60);
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(100);

    /// <summary>Below this share of <c>X-RateLimit-Limit</c> left, requests to the organization are spaced out.</summary>
    [Range(0.0, 1.0)]
    public double LowRemainingShare { get; set; } = 0.1;

    /// <summary>Pause before the next request when nothing is left (scaled down as more remains).</summary>
    public TimeSpan LowRemainingPause { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Requests per second to one organization from all Workers together (0 = no ceiling: only the pauses its
    /// responses ask for are shared). Needs the shared budget, which the Worker registers.
    /// </summary>
    [Range(0.0, 100_000.0)]
    public double OrganizationRequestsPerSecond { get; set; }

    /// <summary>Requests a Worker takes from the shared budget per database round trip (and the bucket's burst).</summary>
    [Range(1, 1000)]
    public int BudgetLease { get; set; } = 10;

    /// <summary>How long a Worker spends a lease, or trusts that no other Worker paused the organization, before asking again.</summary>
    public TimeSpan BudgetRefresh { get; set; } = TimeSpan.FromMilliseconds(500);

    public AzureDevOpsOptions Clone() => (AzureDevOpsOptions)MemberwiseClone();
}
