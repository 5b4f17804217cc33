using Microsoft.EntityFrameworkCore;
using Runner.Domain.Common;
using Runner.Domain.Persistence;

namespace Runner.Domain.Resync.Runs;

/// <summary>Triggering, cancelling and reading resync runs (the API's view); <see cref="RunQueue"/> queues them, the Worker runs them.</summary>
public sealed class ResyncRunService(RunnerDbContext db, RunQueue queue, TimeProvider clock)
{
    /// <summary>Queues a run; 409 naming the active run while one is queued or running.</summary>
    public async Task<ResyncRun> TriggerAsync(Guid installationId, ResyncTrigger trigger, CancellationToken ct)
    {
        await EnsureInstallationAsync(installationId, ct);
        var run = await queue.TryQueueAsync(installationId, trigger, ct);
        if (run is null)
        {
            var active = await db.ResyncRuns.AsNoTracking()
                .Where(r => r.InstallationId == installationId && ResyncRun.ActiveStatuses.Contains(r.Status))
                .Select(r => r.Id).FirstOrDefaultAsync(ct);
            throw new ConflictException($"A resync of this installation is already queued or running (run {active}).",
                new Dictionary<string, object?> { ["activeRunId"] = active });
        }
        return run;
    }

    /// <summary>Stops a run: a queued one at once, a running one within a heartbeat, between objects or pages.</summary>
    public async Task<ResyncRun> CancelAsync(Guid runId, CancellationToken ct)
    {
        var run = await db.ResyncRuns.SingleOrDefaultAsync(r => r.Id == runId, ct) ?? throw new NotFoundException($"Resync run '{runId}'");
        switch (run.Status)
        {
            case ResyncRunStatus.Queued:
                run.Status = ResyncRunStatus.Cancelled;
                run.Reason = "Cancelled before it started.";
                run.FinishedAt = clock.GetUtcNowForDatabase();
                break;
            case ResyncRunStatus.Running:
                run.CancelRequested = true;
                break;
            default:
                throw new ConflictException($"The run has already finished ({run.Status.ToString().ToLowerInvariant()}).");
        }
        await db.SaveChangesAsync(ct);
        return run;
    }

    /// <summary>The latest run of each installation, for lists and summaries.</summary>
    public async Task<Dictionary<Guid, ResyncRun>> LatestAsync(IReadOnlyCollection<Guid> installationIds, CancellationToken ct) =>
        (await db.ResyncRuns.AsNoTracking()
            .Where(r => installationIds.Contains(r.InstallationId))
            .GroupBy(r => r.InstallationId)
            .Select(g => g.OrderByDescending(r => r.QueuedAt).First())
            .ToListAsync(ct))
        .ToDictionary(r => r.InstallationId);

    /// <summary>An installation's runs, newest first.</summary>
    public async Task<Page<ResyncRun>> ListAsync(Guid installationId, PageRequest page, CancellationToken ct)
    {
        await EnsureInstallationAsync(installationId, ct);
        var query = db.ResyncRuns.AsNoTracking().Where(r => r.InstallationId == installationId);
        if (page.After is { } after)
        {
            query = query.Where(r => r.Id.CompareTo(after) < 0);
        }
        return page.Cut(await query.OrderByDescending(r => r.Id).Take(page.Size + 1).ToListAsync(ct), r => r.Id);
    }

    private async Task EnsureInstallationAsync(Guid installationId, CancellationToken ct)
    {
        if (!await db.Installations.AnyAsync(i => i.Id == installationId, ct))
        {
            throw new NotFoundException($"Installation '{installationId}'");
        }
    }

    public async Task<ResyncRun> GetAsync(Guid runId, CancellationToken ct) =>
        await db.ResyncRuns.AsNoTracking().SingleOrDefaultAsync(r => r.Id == runId, ct) ?? throw new NotFoundException($"Resync run '{runId}'");
}
