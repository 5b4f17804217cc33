using System.Text.Json;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Runner.Domain.Common;
using Runner.Domain.Installations;
using Runner.Domain.Persistence;

namespace Runner.Domain.Resync;

/// <summary>Starting and reading resync runs. Starting only records the run and enqueues its job; the Worker runs it.</summary>
public sealed class ResyncRuns(RunnerDbContext db, InstallationService installations, IBackgroundJobClient jobs, TimeProvider clock)
{
    public async Task<ResyncRun> TriggerAsync(Guid installationId, ResyncTrigger trigger, CancellationToken ct)
    {
        await installations.GetAsync(installationId, ct);
        var run = new ResyncRun
        {
            InstallationId = installationId,
            Trigger = trigger,
            Status = ResyncRunStatus.Queued,
            QueuedAt = clock.GetUtcNowForDatabase(),
            ReportJson = JsonSerializer.Serialize(new ResyncReport(), ResyncJson.Options),
        };
        db.ResyncRuns.Add(run);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            db.ResyncRuns.Remove(run);
            var active = await db.ResyncRuns.AsNoTracking()
                .Where(r => r.InstallationId == installationId && ResyncRun.ActiveStatuses.Contains(r.Status))
                .Select(r => r.Id).FirstOrDefaultAsync(ct);
            throw new ConflictException($"A resync of this installation is already queued or running (run {active}).",
                new Dictionary<string, object?> { ["activeRunId"] = active });
        }
        jobs.Enqueue<ResyncJob>(job => job.RunAsync(run.Id, CancellationToken.None));
        return run;
    }

    public async Task<List<ResyncRun>> ListAsync(Guid installationId, int limit, CancellationToken ct)
    {
        await installations.GetAsync(installationId, ct);
        return await db.ResyncRuns.AsNoTracking().Where(r => r.InstallationId == installationId)
            .OrderByDescending(r => r.QueuedAt).Take(limit).ToListAsync(ct);
    }

    public async Task<ResyncRun> GetAsync(Guid runId, CancellationToken ct) =>
        await db.ResyncRuns.AsNoTracking().SingleOrDefaultAsync(r => r.Id == runId, ct) ?? throw new NotFoundException($"Resync run '{runId}'");
}
