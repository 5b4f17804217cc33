using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
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

    /// <summary>Saves progress and the heartbeat at most once a second; throws when someone asked the run to stop.</summary>
    public async Task SaveProgressAsync(ResyncRun run, ResyncReport report, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (now - _lastSaved < TimeSpan.FromSeconds(1))
        {
            return;
        }
        _lastSaved = now;
        var json = JsonSerializer.Serialize(report, ResyncJson.Options);
        var heartbeat = clock.GetUtcNowForDatabase();
        await db.ResyncRuns.Where(r => r.Id == run.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.ReportJson, json).SetProperty(r => r.HeartbeatAt, heartbeat), ct);
        if (await db.ResyncRuns.AsNoTracking().Where(r => r.Id == run.Id).Select(r => r.CancelRequested).SingleAsync(ct))
        {
            throw new ResyncCancelledException();
        }
    }

    public async Task FinishAsync(ResyncRun run, ResyncRunStatus status, string? error, string? reason, ResyncReport report, CancellationToken ct)
    {
        run.Status = status;
        run.Error = error;
        run.Reason = reason;
        run.FinishedAt = clock.GetUtcNowForDatabase();
        run.ReportJson = JsonSerializer.Serialize(report, ResyncJson.Options);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The Worker is shutting down: the run goes back to the queue and starts over on the next Worker.</summary>
    public async Task RequeueAsync(ResyncRun run, CancellationToken ct)
    {
        run.Status = ResyncRunStatus.Queued;
        run.StartedAt = null;
        run.HeartbeatAt = null;
        run.Reason = "Requeued: its Worker was shutting down.";
        run.ReportJson = JsonSerializer.Serialize(new ResyncReport(), ResyncJson.Options);
        await db.SaveChangesAsync(ct);
    }
}

/// <summary>Someone asked the run to stop (POST /resyncs/{id}/cancel).</summary>
public sealed class ResyncCancelledException() : Exception("The run was cancelled on request.");
