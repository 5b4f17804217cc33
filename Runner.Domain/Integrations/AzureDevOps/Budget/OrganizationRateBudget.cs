namespace Runner.Domain.Integrations.AzureDevOps.Budget;

/// <summary>
/// An Azure DevOps organization's request budget, shared by every Worker process: a token bucket (when
/// <see cref="AzureDevOpsOptions.OrganizationRequestsPerSecond"/> is set) and the pause its responses asked for.
/// Not tenant-owned: the organization's limit does not care which tenant spends it. Written only by
/// <see cref="SharedRateBudget"/>'s SQL; times are the database's clock, so Workers' clocks need not agree.
/// </summary>
public sealed class OrganizationRateBudget
{
    public required string Organization { get; init; }
    public double Tokens { get; init; }
    public DateTimeOffset RefilledAt { get; init; }
    public DateTimeOffset PausedUntil { get; init; }
}
