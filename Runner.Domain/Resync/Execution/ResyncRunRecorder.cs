using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Runner.Domain.Installations;
using Runner.Domain.Persistence;
using Runner.Domain.Resync.Runs;
using Runner.Domain.Tenants;

namespace Runner.Domain.Resync.Execution;

/// <summary>Moves a run through its states, saves its live report and heartbeat, and notices a cancel request.</summary>
public sealed class ResyncRunRecorder(RunnerDbContext db, TenantContext tenant, IOptions<ResyncOptions> options, TimeProvider clock)
{
    public enum ClaimOutcome
    {
        Started,
        Deferred,
        NotQueued,
    }

    private DateTimeOffset _lastSaved = DateTimeOffset.MinValue;

    /// <summary>
    /// Starts a queued run unless its tenant already has its share running. The check and the start
    /// happen under a per-tenant advisory lock, so Workers on several machines cannot both pass it.
    /// </summary>
    public async Task<(ClaimOutcome Outcome, ResyncRun? Run)> ClaimAsync(Guid runId, CancellationToken ct)
    {
        // The run decides the tenant: the one lookup a job makes before it has a tenant.
        var tenantId = await db.ResyncRuns.IgnoreQueryFilters().Where(r => r.Id == runId).Select(r => (Guid?)r.TenantId).SingleOrDefaultAsync(ct);
        if (tenantId is null)
        {
            return (ClaimOutcome.NotQueued, null);
        }
        tenant.Set(tenantId.Value);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtextextended({tenantId.Value.ToString()}, 0))", ct);
        var run = await db.ResyncRuns.SingleAsync(r => r.Id == runId, ct);
        if (run.Status != ResyncRunStatus.Queued)
        {
            return (ClaimOutcome.NotQueued, run);
        }
        var running = await db.ResyncRuns.CountAsync(r => r.Status == ResyncRunStatus.Running, ct);
        var now = clock.GetUtcNowForDatabase();
        if (running >= options.Value.MaxConcurrentPerTenant)
        {
            run.Deferrals++;
            run.Reason = $"Waiting: {running} other resync(s) of this tenant are running (at most {options.Value.MaxConcurrentPerTenant} at once).";
        }
        else
        {
            run.Status = ResyncRunStatus.Running;
            run.StartedAt = now;
            run.HeartbeatAt = now;
            run.Reason = null;
        }
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return (run.Status == ResyncRunStatus.Running ? ClaimOutcome.Started : ClaimOutcome.Deferred, run);
    }

    /// <summary>Saves the run's report (<see cref="ResyncRun.Report"/>, filled in place) and heartbeat at most once a second; true when someone asked the run to stop.</summary>
    public async Task<bool> SaveProgressAsync(ResyncRun run, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (now - _lastSaved < TimeSpan.FromSeconds(1))
        {
            return false;
        }
        _lastSaved = now;
        run.HeartbeatAt = clock.GetUtcNowForDatabase();
        await db.SaveChangesAsync(ct);
        return await db.ResyncRuns.AsNoTracking().Where(r => r.Id == run.Id).Select(r => r.CancelRequested).SingleAsync(ct);
    }

    /// <summary>Ends the run and, when the outcome says so, changes its installation's status in the same save.</summary>
    public async Task FinishAsync(ResyncRun run, RunOutcome outcome, CancellationToken ct)
    {
        run.Status = outcome.Status;
        run.Error = outcome.Error;
        run.Reason = outcome.Reason;
        run.FinishedAt = clock.GetUtcNowForDatabase();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.SaveChangesAsync(ct);
        var installation = db.Installations.Where(i => i.Id == run.InstallationId);
        switch (outcome.InstallationBecomes)
        {
            case InstallationStatus.NeedsAttention:
                await installation.ExecuteUpdateAsync(s => s.SetProperty(i => i.Status, InstallationStatus.NeedsAttention).SetProperty(i => i.StatusReason, outcome.AttentionReason ?? outcome.Error), ct);
                break;
            case InstallationStatus.Active:
                await installation.Where(i => i.Status == InstallationStatus.NeedsAttention)
                    .ExecuteUpdateAsync(s => s.SetProperty(i => i.Status, InstallationStatus.Active).SetProperty(i => i.StatusReason, (string?)null), ct);
                break;
        }
        await transaction.CommitAsync(ct);
    }

    /// <summary>The Worker is shutting down: the run goes back to the queue and starts over on the next Worker.</summary>
    public async Task RequeueAsync(ResyncRun run, CancellationToken ct)
    {
        run.Status = ResyncRunStatus.Queued;
        run.StartedAt = null;
        run.HeartbeatAt = null;
        run.Reason = "Requeued: its Worker was shutting down.";
        run.Report = new ResyncReport();
        await db.SaveChangesAsync(ct);
    }
}
