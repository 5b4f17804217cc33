using System.Data.Common;
using Microsoft.Extensions.Logging;

namespace Runner.Domain.Integrations.AzureDevOps.Budget;

/// <summary>
/// This process's share of one organization's <see cref="SharedRateBudget"/>: requests leased in batches and spent
/// locally, so the hot path costs a database round trip only once per <see cref="AzureDevOpsOptions.BudgetLease"/>
/// requests (or per <see cref="AzureDevOpsOptions.BudgetRefresh"/>, when another Worker's pause is read).
/// </summary>
internal sealed class OrganizationBudgetLease(SharedRateBudget store, string organization, AzureDevOpsOptions options, TimeProvider time, ILogger logger)
{
    private readonly SemaphoreSlim _refresh = new(1, 1);
    private readonly Lock _gate = new();
    private int _left;
    private DateTimeOffset _validUntil = DateTimeOffset.MinValue;

    /// <summary>Zero when one request may go now; otherwise how long the organization must wait before asking again.</summary>
    public async Task<TimeSpan> TakeAsync(CancellationToken ct)
    {
        if (TryTake())
        {
            return TimeSpan.Zero;
        }
        await _refresh.WaitAsync(ct);
        try
        {
            // Another request may have refreshed while this one waited for the turn.
            if (TryTake())
            {
                return TimeSpan.Zero;
            }
            var grant = await LeaseAsync(ct);
            if (grant.PausedFor > TimeSpan.Zero)
            {
                return grant.PausedFor;
            }
            if (grant.Granted == 0)
            {
                return grant.NextTokenIn;
            }
            lock (_gate)
            {
                (_left, _validUntil) = (grant.Granted - 1, time.GetUtcNow() + options.BudgetRefresh);
            }
            return TimeSpan.Zero;
        }
        finally
        {
            _refresh.Release();
        }
    }

    /// <summary>Tells every Worker to leave the organization alone for <paramref name="delay"/>; this one stops spending its lease.</summary>
    public async Task PauseAsync(TimeSpan delay, CancellationToken ct)
    {
        lock (_gate)
        {
            _left = 0;
        }
        try
        {
            await store.PauseAsync(organization, delay, ct);
        }
        catch (DbException e)
        {
            logger.LogWarning(e, "Could not share a pause of {Organization}'s request budget; other Workers learn of it from their own responses", organization);
        }
    }

    private bool TryTake()
    {
        lock (_gate)
        {
            if (_left <= 0 || time.GetUtcNow() >= _validUntil)
            {
                return false;
            }
            _left--;
            return true;
        }
    }

    // Without the database the organization is still throttled by this process's own view; sending on beats failing a
    // resync because the budget's row is briefly out of reach (a PostgreSQL restart).
    private async Task<BudgetGrant> LeaseAsync(CancellationToken ct)
    {
        try
        {
            return options.OrganizationRequestsPerSecond > 0
                ? await store.LeaseAsync(organization, options.BudgetLease, options.OrganizationRequestsPerSecond, ct)
                : new BudgetGrant(int.MaxValue, await store.PausedForAsync(organization, ct), TimeSpan.Zero);
        }
        catch (DbException e)
        {
            logger.LogWarning(e, "{Organization}'s shared request budget is out of reach; this Worker goes on with its own throttle", organization);
            return new BudgetGrant(options.BudgetLease, TimeSpan.Zero, TimeSpan.Zero);
        }
    }
}
