using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Runner.Domain.Installations;
using Runner.Domain.Persistence;
using Runner.Domain.Resync.Execution;
using Runner.Domain.Resync.Runs;
using Runner.Domain.Tenants;

namespace Runner.Domain.Resync.Scheduling;

/// <summary>
/// What an installation's recurring job runs when it is due: records a scheduled run and hands it
/// to <see cref="ResyncJob"/>. An outage's catch-up (Hangfire fired the job late) is spread over the interval; an installation
/// that needs attention fails fast without calling its source; a run still active means skipped.
/// </summary>
public sealed class ScheduledResyncJob(
    RunnerDbContext db, TenantContext tenant, RunQueue queue, ResyncScheduler scheduler, IOptions<ResyncOptions> options, TimeProvider clock)
{
    [AutomaticRetry(Attempts = 0)]
    public async Task RunAsync(Guid installationId, CancellationToken ct)
    {
        // The installation decides the tenant: the one lookup made before a tenant is in scope.
        var installation = await db.Installations.IgnoreQueryFilters().AsNoTracking().SingleOrDefaultAsync(i => i.Id == installationId, ct);
        if (installation is null)
        {
            scheduler.RemoveOrphan(installationId);
            return;
        }
        tenant.Set(installation.TenantId);
        // When Hangfire fired this job (created it); a job called outside Hangfire fires now. The due time it belongs to
        // is the last one before that, however long the job then waited in the queue.
        var firedAt = JobCreationTime.OfCurrentJob ?? clock.GetUtcNow();
        var dueAt = ResyncCron.LastDue(ResyncCron.Cron(installation.Id, installation.ResyncIntervalHours), installation.ResyncIntervalHours, firedAt) ?? firedAt;

        if (installation.Status == InstallationStatus.NeedsAttention)
        {
            await queue.RecordEndedAsync(installation.Id, ResyncRunStatus.Failed, dueAt,
                $"Not run: the installation needs attention ({installation.StatusReason}). Change its settings or start a resync by hand.", ct);
            return;
        }
        // After an outage every installation catches up once; spreading them avoids a thundering herd. Only Hangfire's own
        // lateness counts: time spent queued behind a backlog is overload, and a delay would only add to it.
        TimeSpan? catchUp = firedAt - dueAt > options.Value.CatchUpThreshold
            ? ResyncCron.Spread(installation.Id, TimeSpan.FromHours(Math.Min(1, installation.ResyncIntervalHours)))
            : null;
        if (await queue.TryQueueAsync(installation.Id, ResyncTrigger.Scheduled, ct, dueAt, delay: catchUp) is null)
        {
            await queue.RecordEndedAsync(installation.Id, ResyncRunStatus.Skipped, dueAt, "Another resync of this installation was still queued or running.", ct);
        }
    }
}
