using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Runner.Domain.Persistence;
using Runner.Domain.Tenants;

namespace Runner.Domain.Resync;

/// <summary>Moves a run through its states and saves its live report, at most once a second while running.</summary>
public sealed class ResyncRunRecorder(RunnerDbContext db, TenantContext tenant, TimeProvider clock)
{
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromSeconds(1);
    private DateTimeOffset _lastProgress = DateTimeOffset.MinValue;

    /// <summary>Claims a queued run for this scope's tenant; null when it is not queued any more (a duplicate delivery).</summary>
    public async Task<ResyncRun?> StartAsync(Guid runId, CancellationToken ct)
    {
        // The run decides the tenant: the one lookup a job makes before it has a tenant.
        var run = await db.ResyncRuns.IgnoreQueryFilters().SingleOrDefaultAsync(r => r.Id == runId, ct);
        if (run is null || run.Status != ResyncRunStatus.Queued)
        {
            return null;
        }
        tenant.Set(run.TenantId);
        run.Status = ResyncRunStatus.Running;
        run.StartedAt = clock.GetUtcNowForDatabase();
        await db.SaveChangesAsync(ct);
        return run;
    }

    public async Task SaveProgressAsync(ResyncRun run, ResyncReport report, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (now - _lastProgress < ProgressInterval)
        {
            return;
        }
        _lastProgress = now;
        var json = JsonSerializer.Serialize(report, ResyncJson.Options);
        await db.ResyncRuns.Where(r => r.Id == run.Id).ExecuteUpdateAsync(s => s.SetProperty(r => r.ReportJson, json), ct);
    }

    public async Task FinishAsync(ResyncRun run, ResyncRunStatus status, string? error, ResyncReport report, CancellationToken ct)
    {
        run.Status = status;
        run.Error = error;
        run.FinishedAt = clock.GetUtcNowForDatabase();
        run.ReportJson = JsonSerializer.Serialize(report, ResyncJson.Options);
        await db.SaveChangesAsync(ct);
    }
}
